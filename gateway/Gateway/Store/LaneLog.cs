using Gateway.Configuration;
using Gateway.Core.Telemetry;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Store;

/// <summary>
/// One lane's segment files: the writer thread appends batches to the active segment and rolls to a new one
/// when it is full; cursors find segments here. Positions are dense and increasing; segments are kept oldest first.
/// </summary>
internal sealed class LaneLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Segment> _segments;
    private readonly StoreOptions _options;
    private readonly List<(Segment Segment, SafeFileHandle File)> _sealedUnsynced = [];
    private SafeFileHandle? _activeFile;
    private Segment? _active;
    private bool _unsynced;
    private bool _directoryUnsynced;
    private long _writtenThrough;
    private long _nextPosition;
    private long _bytes;

    public LaneLog(OutboxLane lane, string directory, StoreOptions options, LaneScan scan)
    {
        Lane = lane;
        Directory = directory;
        _options = options;
        _segments = scan.Segments;
        Holes = scan.Holes;
        NextPosition = scan.NextPosition;
        OpenedNext = scan.NextPosition;
        _writtenThrough = scan.LastHeld >= 0 ? scan.LastHeld : scan.NextPosition - 1;
        foreach (var segment in _segments)
        {
            segment.Sealed = true;
            Bytes += segment.Length;
        }

        if (scan.Active is { } active)
        {
            _activeFile = File.OpenHandle(active.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            active.Sealed = false;
            _active = active;
        }
    }

    public OutboxLane Lane { get; }

    public string Directory { get; }

    public LaneHoles Holes { get; }

    /// <summary>The position the next appended record gets (the store's append lock guards changes).</summary>
    public long NextPosition
    {
        get => Volatile.Read(ref _nextPosition);
        set => Volatile.Write(ref _nextPosition, value);
    }

    /// <summary>The last position handed to the file system.</summary>
    public long WrittenThrough => Volatile.Read(ref _writtenThrough);

    /// <summary>The next position when the lane was opened.</summary>
    public long OpenedNext { get; }

    /// <summary>Bytes in the lane's segment files (changed by the writer thread).</summary>
    public long Bytes
    {
        get => Volatile.Read(ref _bytes);
        private set => Volatile.Write(ref _bytes, value);
    }

    /// <summary>The oldest position held on disk, or the next one to be written when none is.</summary>
    public long Floor
    {
        get
        {
            lock (_lock)
            {
                foreach (var segment in _segments)
                {
                    if (!segment.IsEmpty)
                    {
                        return segment.FirstPosition;
                    }
                }
            }

            return WrittenThrough + 1;
        }
    }

    public Segment[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _segments];
        }
    }

    /// <summary>The first segment holding a record at or after <paramref name="position"/>.</summary>
    public Segment? FindFrom(long position)
    {
        lock (_lock)
        {
            foreach (var segment in _segments)
            {
                if (!segment.IsEmpty && segment.LastPosition >= position)
                {
                    return segment;
                }
            }

            return null;
        }
    }

    /// <summary>The segment after <paramref name="segment"/>, if there is one yet.</summary>
    public Segment? After(Segment segment)
    {
        lock (_lock)
        {
            foreach (var candidate in _segments)
            {
                if (candidate.BasePosition > segment.BasePosition)
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="batch"/> from <paramref name="done"/> on, one write per segment touched, and advances
    /// <paramref name="done"/> past what was written. On failure the failing write is cut back off the file and the
    /// exception propagates; <paramref name="done"/> then counts what is safely written.
    /// </summary>
    public void Write(List<PendingRecord> batch, ref int done, FrameBuffer buffer)
    {
        while (done < batch.Count)
        {
            var segment = _active ?? Create(batch[done].Position);
            var room = _options.SegmentBytes - segment.Length;
            buffer.Clear();
            var count = 0;
            while (done + count < batch.Count)
            {
                var mark = buffer.Length;
                var start = SegmentFormat.BeginFrame(buffer);
                SegmentFormat.WritePosition(buffer, batch[done + count].Position);
                RecordCodec.Write(buffer, batch[done + count].Record);
                SegmentFormat.EndFrame(buffer, start);
                if (buffer.Length > room && (count > 0 || !segment.IsEmpty))
                {
                    buffer.Truncate(mark);
                    break;
                }

                count++;
            }

            if (count > 0)
            {
                Append(segment, buffer.Written, batch, done, count);
                done += count;
            }

            if (done < batch.Count)
            {
                Seal();
            }
        }
    }

    /// <summary>
    /// Forces what was written to the medium: the segments sealed since the last sync (then closed), the active
    /// one, and the directory when segments were created in it.
    /// </summary>
    public void Sync()
    {
        foreach (var (_, file) in _sealedUnsynced)
        {
            RandomAccess.FlushToDisk(file);
            file.Dispose();
        }

        _sealedUnsynced.Clear();
        if (_unsynced && _activeFile is not null)
        {
            RandomAccess.FlushToDisk(_activeFile);
        }

        _unsynced = false;
        if (_directoryUnsynced)
        {
            DirectorySync.Sync(Directory);
            _directoryUnsynced = false;
        }
    }

    /// <summary>
    /// Ends the active segment; the next write starts a new one. Unless the policy is None its file stays open
    /// until the next <see cref="Sync"/>, so a roll costs no fsync of its own.
    /// </summary>
    public void Seal()
    {
        if (_active is null)
        {
            return;
        }

        if (_options.Sync == StoreSyncMode.None || !_unsynced)
        {
            _activeFile!.Dispose();
        }
        else
        {
            _sealedUnsynced.Add((_active, _activeFile!));
        }

        _activeFile = null;
        _active.Sealed = true;
        _active = null;
        _unsynced = false;
    }

    public bool IsActive(Segment segment) => ReferenceEquals(segment, _active);


    /// <summary>The wall-clock stamp of the record at <paramref name="position"/> (or the first after it).</summary>
    public bool TryReadStamp(long position, out long wallMs)
    {
        wallMs = 0;
        var segment = FindFrom(position);
        if (segment is null)
        {
            return false;
        }

        try
        {
            using var reader = FrameFileReader.Open(segment.Path, 64 * 1024);
            var length = segment.Length;
            for (long offset = SegmentFormat.HeaderSize; offset < length;)
            {
                if (reader.TryRead(offset, length, out var body, out var frameLength) != FrameStatus.Ok)
                {
                    return false;
                }

                if (SegmentFormat.PositionOf(body) >= position && RecordCodec.TryReadHeader(SegmentFormat.RecordOf(body), null, out var header))
                {
                    wallMs = header.Stamp.WallMs;
                    return true;
                }

                offset += frameLength;
            }
        }
        catch (FileNotFoundException)
        {
            // Removed meanwhile.
        }

        return false;
    }

    /// <summary>Deletes a sealed segment; cursors reading it move on.</summary>
    public void Remove(Segment segment)
    {
        lock (_lock)
        {
            _segments.Remove(segment);
        }

        // A file still open keeps its blocks after it is deleted: close it first (it needs no sync any more).
        var open = _sealedUnsynced.FindIndex(s => ReferenceEquals(s.Segment, segment));
        if (open >= 0)
        {
            _sealedUnsynced[open].File.Dispose();
            _sealedUnsynced.RemoveAt(open);
        }

        segment.Removed = true;
        Bytes -= segment.Length;
        File.Delete(segment.Path);
    }

    public void Dispose()
    {
        _sealedUnsynced.ForEach(sealedFile => sealedFile.File.Dispose());
        _sealedUnsynced.Clear();
        _activeFile?.Dispose();
        _activeFile = null;
    }

    private Segment Create(long basePosition)
    {
        var path = Path.Combine(Directory, SegmentFormat.SegmentFileName(basePosition));
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete,
            FileOptions.None, _options.Preallocate ? _options.SegmentBytes : 0);
        try
        {
            Span<byte> header = stackalloc byte[SegmentFormat.HeaderSize];
            SegmentFormat.WriteHeader(header, SegmentFormat.SegmentMagic, (byte)Lane, basePosition);
            RandomAccess.Write(file, header, 0);
        }
        catch (IOException)
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }

        var segment = new Segment(path, basePosition, SegmentFormat.HeaderSize);
        lock (_lock)
        {
            _segments.Add(segment);
        }

        Bytes += segment.Length;
        _activeFile = file;
        _active = segment;
        _unsynced = true;
        _directoryUnsynced = _options.Sync != StoreSyncMode.None;
        return segment;
    }

    private void Append(Segment segment, ReadOnlySpan<byte> frames, List<PendingRecord> batch, int first, int count)
    {
        var offset = segment.Length;
        try
        {
            RandomAccess.Write(_activeFile!, frames, offset);
        }
        catch (IOException)
        {
            TryCutBack(offset);
            throw;
        }

        for (var i = first; i < first + count; i++)
        {
            segment.Stamp(batch[i].Record.Stamp);
        }

        if (segment.IsEmpty)
        {
            segment.FirstPosition = batch[first].Position;
        }

        var last = batch[first + count - 1].Position;
        segment.Count += count;
        segment.LastPosition = last;
        segment.Length = offset + frames.Length;
        Bytes += frames.Length;
        _unsynced = true;
        Volatile.Write(ref _writtenThrough, last);
    }

    private void TryCutBack(long length)
    {
        try
        {
            RandomAccess.SetLength(_activeFile!, length);
        }
        catch (IOException)
        {
            // Recovery at the next start cuts a torn tail anyway; the file stays active and the next write overwrites it.
        }
    }
}

/// <summary>A record taken by the store and its position, waiting for the writer.</summary>
internal readonly record struct PendingRecord(long Position, Record Record);
