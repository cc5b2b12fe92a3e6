namespace Gateway.Core.Framing;

/// <summary>
/// Per-link counters. The link's <see cref="FrameReader"/> is the only writer; any thread may read them.
/// Each value is read atomically (also on 32-bit ARM); a <see cref="Snapshot"/> is not one atomic cut
/// across all counters, but every value in it is one the counter really had.
/// </summary>
public sealed class FrameCounters
{
    private long _hellos;
    private long _readings;
    private long _events;
    private long _acks;
    private long _naks;
    private long _commands;
    private long _lenientReadings;
    private long _debugLines;
    private long _overlong;
    private long _malformed;
    private long _crc;
    private long _unknown;
    private long _version;
    private long _bytes;

    /// <summary>Lines taken as readings on a lenient link.</summary>
    public long LenientReadings => Interlocked.Read(ref _lenientReadings);

    /// <summary>Debug lines and text fragments before a <c>$</c>.</summary>
    public long DebugLines => Interlocked.Read(ref _debugLines);

    /// <summary>Bytes consumed from the link, skipped ones included.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Frames of <paramref name="type"/> accepted.</summary>
    public long Frames(FrameType type) => Interlocked.Read(ref FrameCounter(type));

    /// <summary>Lines rejected for <paramref name="rejection"/>.</summary>
    public long Rejections(Rejection rejection) => Interlocked.Read(ref RejectionCounter(rejection));

    /// <summary>Reads every counter.</summary>
    public FrameCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref _hellos),
        Interlocked.Read(ref _readings),
        Interlocked.Read(ref _events),
        Interlocked.Read(ref _acks),
        Interlocked.Read(ref _naks),
        Interlocked.Read(ref _commands),
        Interlocked.Read(ref _lenientReadings),
        Interlocked.Read(ref _debugLines),
        Interlocked.Read(ref _overlong),
        Interlocked.Read(ref _malformed),
        Interlocked.Read(ref _crc),
        Interlocked.Read(ref _unknown),
        Interlocked.Read(ref _version),
        Interlocked.Read(ref _bytes));

    internal void CountFrame(FrameType type) => Interlocked.Increment(ref FrameCounter(type));

    internal void CountRejection(Rejection rejection) => Interlocked.Increment(ref RejectionCounter(rejection));

    internal void CountLenientReading() => Interlocked.Increment(ref _lenientReadings);

    internal void CountDebugLine() => Interlocked.Increment(ref _debugLines);

    internal void CountBytes(long count) => Interlocked.Add(ref _bytes, count);

    private ref long FrameCounter(FrameType type)
    {
        switch (type)
        {
            case FrameType.Hello: return ref _hellos;
            case FrameType.Reading: return ref _readings;
            case FrameType.Event: return ref _events;
            case FrameType.Ack: return ref _acks;
            case FrameType.Nak: return ref _naks;
            case FrameType.Command: return ref _commands;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Not a frame type.");
        }
    }

    private ref long RejectionCounter(Rejection rejection)
    {
        switch (rejection)
        {
            case Rejection.Overlong: return ref _overlong;
            case Rejection.Malformed: return ref _malformed;
            case Rejection.Crc: return ref _crc;
            case Rejection.Unknown: return ref _unknown;
            case Rejection.Version: return ref _version;
            default: throw new ArgumentOutOfRangeException(nameof(rejection), rejection, "Not a rejection.");
        }
    }
}
