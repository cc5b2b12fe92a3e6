using Gateway.Core.Telemetry;
using Gateway.Store;

namespace Gateway.Tests.Faults;

/// <summary>Where one record sits in a segment file.</summary>
internal readonly record struct StoredFrame(long Offset, int Length, uint Seq);

/// <summary>
/// The whole records of the store's segment files as the test sees them from outside (read with the store's own
/// <see cref="SegmentFormat"/> and <see cref="RecordCodec"/>), so a test knows which seqs a damage destroys.
/// </summary>
internal sealed class SegmentMap
{
    private SegmentMap(string path, List<StoredFrame> frames)
    {
        Path = path;
        Frames = frames;
    }

    public string Path { get; }

    /// <summary>The records from the start of the file up to the first frame that is not whole (the preallocated rest is zeros).</summary>
    public IReadOnlyList<StoredFrame> Frames { get; }

    /// <summary>The telemetry segments under the store directory, oldest first.</summary>
    public static List<SegmentMap> ReadTelemetry(string storeDirectory)
    {
        var directory = System.IO.Path.Combine(storeDirectory, OutboxLanes.DirectoryName(OutboxLane.Telemetry));
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*.seg").Order(StringComparer.Ordinal).Select(Read)];
    }

    public static SegmentMap Read(string path)
    {
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        var frames = new List<StoredFrame>();
        if (!SegmentFormat.TryReadHeader(bytes, SegmentFormat.SegmentMagic, out _, out _))
        {
            return new SegmentMap(path, frames);
        }

        var offset = SegmentFormat.HeaderSize;
        while (SegmentFormat.TryReadFrame(bytes.AsSpan(offset), out var body, out var length) == FrameStatus.Ok)
        {
            if (!RecordCodec.TryReadHeader(SegmentFormat.RecordOf(body), null, out var header))
            {
                break;
            }

            frames.Add(new StoredFrame(offset, length, header.Seq));
            offset += length;
        }

        return new SegmentMap(path, frames);
    }

    /// <summary>The seqs of the records that overlap the byte range [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public List<uint> SeqsWithin(long start, long end) =>
        [.. Frames.Where(f => f.Offset < end && f.Offset + f.Length > start).Select(f => f.Seq)];
}
