namespace Gateway.Core.Framing;

/// <summary>The values of a link's <see cref="FrameCounters"/> at one moment.</summary>
public sealed record FrameCountersSnapshot(
    long Hellos,
    long Readings,
    long Events,
    long Acks,
    long Naks,
    long Commands,
    long LenientReadings,
    long DebugLines,
    long Overlong,
    long Malformed,
    long Crc,
    long Unknown,
    long Version,
    long Bytes)
{
    /// <summary>Checked frames of every type.</summary>
    public long Frames => Hellos + Readings + Events + Acks + Naks + Commands;

    /// <summary>Rejections of every kind.</summary>
    public long Rejections => Overlong + Malformed + Crc + Unknown + Version;
}
