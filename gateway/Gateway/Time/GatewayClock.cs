using Gateway.Core.Telemetry;

namespace Gateway.Time;

/// <summary>
/// Stamps what the gateway receives (ADR 0004): the wall clock, a monotonic reading of the same instant,
/// and whether the wall clock can be trusted yet. A Raspberry Pi has no real-time clock; until NTP has
/// synchronised it, its wall time is wrong by anything from seconds to years.
/// </summary>
public class GatewayClock
{
    private readonly TimeProvider _time;
    private readonly IClockSync _sync;

    /// <summary>A clock over <paramref name="time"/> whose trust comes from <paramref name="sync"/>.</summary>
    public GatewayClock(TimeProvider time, IClockSync sync)
    {
        _time = time;
        _sync = sync;
    }

    /// <summary>Milliseconds on the monotonic clock.</summary>
    public long MonotonicMs => (long)(_time.GetTimestamp() * (1000.0 / _time.TimestampFrequency));

    /// <summary>The wall time now.</summary>
    public DateTimeOffset WallNow => _time.GetUtcNow();

    /// <summary>A stamp for this instant.</summary>
    public Stamp Now() => new(_time.GetUtcNow().ToUnixTimeMilliseconds(), MonotonicMs, _sync.IsSynchronised);
}
