using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>
/// Reads one segment file at start: checks the header and every frame, and finds where whole records stop
/// (a torn tail) and which byte ranges in between are unreadable. Reports records through a callback.
/// </summary>
internal sealed class SegmentScanner
{
    private const long MaxPositionStep = 1L << 32;
    private readonly RecordReadCache _cache = new();

    /// <summary>What the scan found in one file.</summary>
    public sealed class Result
    {
        public bool HeaderValid { get; set; }

        public long FileLength { get; set; }

        /// <summary>Where the whole frames end (the file is cut here when it is longer).</summary>
        public long GoodEnd { get; set; }

        /// <summary>Unreadable byte ranges [Start, End) between whole frames.</summary>
        public List<(long Start, long End)> CorruptRanges { get; } = [];

        /// <summary>Records lost in the unreadable ranges (by their positions).</summary>
        public long LostRecords { get; set; }

        public bool NeedsRepair => GoodEnd < FileLength || CorruptRanges.Count > 0;
    }

    /// <summary>
    /// Scans <paramref name="path"/>, a segment of <paramref name="lane"/> named for <paramref name="basePosition"/>.
    /// <paramref name="previous"/> is the last position held before it; it comes back as the last position held after it.
    /// </summary>
    public Result Scan(string path, OutboxLane lane, long basePosition, ref long previous, Segment segment, Action<long, RecordHeader> onRecord)
    {
        using var reader = FrameFileReader.Open(path, 64 * 1024);
        var result = new Result { FileLength = reader.FileLength, GoodEnd = SegmentFormat.HeaderSize };
        result.HeaderValid = SegmentFormat.TryReadHeader(reader.Read(0, SegmentFormat.HeaderSize, result.FileLength), SegmentFormat.SegmentMagic, out var fileLane, out var fileBase) &&
                             fileLane == (byte)lane && fileBase == basePosition;
        if (!result.HeaderValid)
        {
            result.GoodEnd = 0;
            return result;
        }

        var floor = Math.Max(previous, basePosition - 1);
        var offset = (long)SegmentFormat.HeaderSize;
        var afterCorruption = false;
        while (offset < result.FileLength)
        {
            if (TryTake(reader, offset, result.FileLength, floor, out var position, out var header, out var length))
            {
                if (afterCorruption)
                {
                    result.LostRecords += position - floor - 1;
                    afterCorruption = false;
                }

                segment.FirstPosition = segment.IsEmpty ? position : segment.FirstPosition;
                segment.LastPosition = position;
                segment.Count++;
                segment.Stamp(header.Stamp);
                onRecord(position, header);
                floor = position;
                offset += length;
                result.GoodEnd = offset;
                continue;
            }

            var next = Resync(reader, offset + 1, result.FileLength, floor);
            if (next < 0)
            {
                break;
            }

            result.CorruptRanges.Add((offset, next));
            afterCorruption = true;
            offset = next;
        }

        segment.Length = result.GoodEnd - result.CorruptRanges.Sum(r => r.End - r.Start);
        previous = Math.Max(previous, segment.LastPosition);
        return result;
    }

    /// <summary>Reads a whole, checked frame with a decodable record whose position follows <paramref name="floor"/>.</summary>
    private bool TryTake(FrameFileReader reader, long offset, long limit, long floor, out long position, out RecordHeader header, out int length)
    {
        position = 0;
        header = default;
        if (reader.TryRead(offset, limit, out var body, out length) != FrameStatus.Ok || body.Length <= SegmentFormat.PositionSize)
        {
            return false;
        }

        position = SegmentFormat.PositionOf(body);
        return position > floor && position - floor < MaxPositionStep &&
               RecordCodec.TryReadHeader(SegmentFormat.RecordOf(body), _cache, out header);
    }

    /// <summary>The offset of the next whole frame after unreadable bytes, or -1 when none follows (a torn tail).</summary>
    private long Resync(FrameFileReader reader, long from, long limit, long floor)
    {
        for (var offset = from; offset + SegmentFormat.FrameHeaderSize + SegmentFormat.PositionSize < limit; offset++)
        {
            // Cheap filters first: a plausible length and position, then the check and the record.
            var head = reader.Read(offset, SegmentFormat.FrameHeaderSize + SegmentFormat.PositionSize, limit);
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head);
            var position = SegmentFormat.PositionOf(head[SegmentFormat.FrameHeaderSize..]);
            if (length <= SegmentFormat.PositionSize || length > SegmentFormat.MaxBody || offset + SegmentFormat.FrameHeaderSize + length > limit ||
                position <= floor || position - floor >= MaxPositionStep)
            {
                continue;
            }

            if (TryTake(reader, offset, limit, floor, out _, out _, out _))
            {
                return offset;
            }
        }

        return -1;
    }
}
