using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>
/// Where one cursor reads one lane: a segment, an offset in it, and the next position it wants. Reads only
/// what the writer has published (<see cref="Segment.Length"/>), through one small buffer, so a backlog of any
/// size replays in constant memory. Not thread-safe: the cursor's read lock guards it.
/// </summary>
internal sealed class LaneReader(LaneLog log, int bufferSize) : IDisposable
{
    private Segment? _segment;
    private FrameFileReader? _reader;
    private long _offset;
    private long _next;
    private long _idleAt = -1;

    public LaneLog Log { get; } = log;

    /// <summary>The lowest position not read yet.</summary>
    public long Next
    {
        get => Volatile.Read(ref _next);
        private set => Volatile.Write(ref _next, value);
    }

    /// <summary>
    /// Whether <see cref="TryRead"/> may find a record: something was written at or after <see cref="Next"/> since it
    /// last came back empty-handed. Safe to call from any thread.
    /// </summary>
    public bool MayHaveMore
    {
        get
        {
            var written = Log.WrittenThrough;
            return Next <= written && written != Volatile.Read(ref _idleAt);
        }
    }

    /// <summary>Reads again from <paramref name="position"/>.</summary>
    public void MoveTo(long position)
    {
        Next = position;
        Volatile.Write(ref _idleAt, -1);
        Close();
    }

    /// <summary>
    /// The next record at or after <see cref="Next"/> that <paramref name="skip"/> does not reject. Frames that cannot
    /// be read are skipped and counted through <paramref name="onCorrupt"/>.
    /// </summary>
    public bool TryRead(RecordReadCache cache, Func<long, bool> skip, Action<long> onCorrupt, out long position, out Record? record)
    {
        position = 0;
        record = null;

        // Frames up to what the writer had published when we start are readable: it publishes lengths first.
        var written = Log.WrittenThrough;
        while (Next <= written)
        {
            if ((_segment is null || _segment.Removed) && !Seek())
            {
                break;
            }

            var segment = _segment!;
            var length = segment.Length;
            if (_offset >= length)
            {
                var sealedNow = segment.Sealed;
                if (!sealedNow || segment.Length > _offset)
                {
                    break;
                }

                var after = Log.After(segment);
                if (after is null)
                {
                    break;
                }

                if (!TryOpen(after))
                {
                    Close();
                }

                continue;
            }

            if (_reader!.TryRead(_offset, length, out var body, out var frameLength) != FrameStatus.Ok || body.Length <= SegmentFormat.PositionSize)
            {
                // The file changed under us (bit rot since the start): what is left of this segment cannot be trusted.
                onCorrupt(1);
                _offset = length;
                continue;
            }

            _offset += frameLength;
            position = SegmentFormat.PositionOf(body);
            if (position < Next)
            {
                continue;
            }

            Next = position + 1;
            if (skip(position))
            {
                continue;
            }

            if (!RecordCodec.TryRead(SegmentFormat.RecordOf(body), cache, out record))
            {
                onCorrupt(1);
                continue;
            }

            return true;
        }

        Volatile.Write(ref _idleAt, written);
        return false;
    }

    public void Dispose() => Close();

    private bool Seek()
    {
        while (true)
        {
            var segment = Log.FindFrom(Next);
            if (segment is null)
            {
                Close();
                return false;
            }

            if (TryOpen(segment))
            {
                return true;
            }
        }
    }

    /// <summary>Opens <paramref name="segment"/>; false when it was removed meanwhile.</summary>
    private bool TryOpen(Segment segment)
    {
        FrameFileReader reader;
        try
        {
            reader = FrameFileReader.Open(segment.Path, bufferSize);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        Close();
        _reader = reader;
        _segment = segment;
        _offset = SegmentFormat.HeaderSize;
        Next = Math.Max(Next, segment.FirstPosition);
        return true;
    }

    private void Close()
    {
        _reader?.Dispose();
        _reader = null;
        _segment = null;
    }
}
