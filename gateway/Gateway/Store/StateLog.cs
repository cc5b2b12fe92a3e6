using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Store;

/// <summary>
/// The state file (<c>state.log</c>): a header, then entries appended by the writer thread (<see cref="StateCodec"/>).
/// It is rewritten as a snapshot at start and when it grows: written to a temporary file, synced, and renamed
/// over the old one, so a crash leaves either the old or the new file whole.
/// </summary>
internal sealed class StateLog : IDisposable
{
    public const string FileName = "state.log";
    private readonly string _directory;
    private SafeFileHandle _file;
    private bool _unsynced;
    private long _length;

    private StateLog(string directory, SafeFileHandle file, long length)
    {
        _directory = directory;
        _file = file;
        Length = length;
    }

    /// <summary>The file's length (changed by the writer thread).</summary>
    public long Length
    {
        get => Volatile.Read(ref _length);
        private set => Volatile.Write(ref _length, value);
    }

    /// <summary>
    /// Reads the state file. A torn last entry is ignored; an unreadable header or entry stops the reading there
    /// (the older positions read so far make consumers receive records again rather than lose them), the
    /// file is kept aside and the report says so.
    /// </summary>
    public static StoreState Load(string directory, RecoveryReport report)
    {
        var state = new StoreState();
        var path = Path.Combine(directory, FileName);
        File.Delete(path + ".tmp");
        if (!File.Exists(path))
        {
            return state;
        }

        long offset = 0;
        long length = 0;
        var failure = (string?)null;
        try
        {
            using var reader = FrameFileReader.Open(path, 64 * 1024);
            length = reader.FileLength;
            if (!SegmentFormat.TryReadHeader(reader.Read(0, SegmentFormat.HeaderSize, length), SegmentFormat.StateMagic, out var lane, out _) ||
                lane != SegmentFormat.StateLane)
            {
                failure = "its header is unreadable";
            }
            else
            {
                offset = SegmentFormat.HeaderSize;
                while (offset < length)
                {
                    var status = reader.TryRead(offset, length, out var body, out var frameLength);
                    if (status != FrameStatus.Ok || !StateCodec.TryApply(body, state))
                    {
                        failure = status == FrameStatus.Short ? null : "an entry is unreadable";
                        break;
                    }

                    offset += frameLength;
                }
            }
        }
        catch (IOException e)
        {
            failure = e.Message;
        }

        if (failure is not null)
        {
            var aside = path + ".corrupt";
            File.Copy(path, aside, overwrite: true);
            report.StateReset(aside, length - offset, string.Create(CultureInfo.InvariantCulture,
                $"the store's state file {path} could not be read past byte {offset} ({failure}); it was copied to {aside}. Consumers resume from the positions read before that point, so records they had acknowledged since may be delivered again"));
        }

        return state;
    }

    /// <summary>Writes <paramref name="snapshot"/> as the new state file and opens it for appending.</summary>
    public static StateLog Create(string directory, StoreState snapshot)
    {
        var (file, length) = WriteSnapshot(directory, snapshot);
        return new StateLog(directory, file, length);
    }

    /// <summary>Replaces the file with <paramref name="snapshot"/> (compaction).</summary>
    public void Rewrite(StoreState snapshot)
    {
        var (file, length) = WriteSnapshot(_directory, snapshot);
        _file.Dispose();
        _file = file;
        Length = length;
        _unsynced = false;
    }

    /// <summary>Appends entries with one write; on failure the write is cut back off and the exception propagates.</summary>
    public void Append(ReadOnlySpan<byte> entries)
    {
        if (entries.IsEmpty)
        {
            return;
        }

        try
        {
            RandomAccess.Write(_file, entries, Length);
        }
        catch (IOException)
        {
            try
            {
                RandomAccess.SetLength(_file, Length);
            }
            catch (IOException)
            {
                // Left for the next start: a torn last entry is ignored.
            }

            throw;
        }

        Length += entries.Length;
        _unsynced = true;
    }

    public void Sync()
    {
        if (_unsynced)
        {
            RandomAccess.FlushToDisk(_file);
            _unsynced = false;
        }
    }

    public void Dispose() => _file.Dispose();

    private static (SafeFileHandle File, long Length) WriteSnapshot(string directory, StoreState snapshot)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        var buffer = new FrameBuffer();
        SegmentFormat.WriteHeader(buffer.GetSpan(SegmentFormat.HeaderSize), SegmentFormat.StateMagic, SegmentFormat.StateLane, 0);
        buffer.Advance(SegmentFormat.HeaderSize);
        StateCodec.WriteSnapshot(buffer, snapshot);
        try
        {
            using (var file = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(file, buffer.Written, 0);
                RandomAccess.FlushToDisk(file);
            }

            File.Move(temporary, path, overwrite: true);
            DirectorySync.Sync(directory);
        }
        catch (IOException)
        {
            File.Delete(temporary);
            throw;
        }

        return (File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite), buffer.Length);
    }
}
