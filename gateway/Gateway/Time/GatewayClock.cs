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
        : this(time, sync, ReadHostBoot())
    {
    }

    /// <summary>A clock whose monotonic time counts from the host boot tagged <paramref name="hostBoot"/> (tests).</summary>
    public GatewayClock(TimeProvider time, IClockSync sync, uint hostBoot)
    {
        _time = time;
        _sync = sync;
        HostBoot = hostBoot;
    }

    /// <summary>This host boot's tag (the first 32 bits of the kernel's boot id), or 0 when unknown.</summary>
    public uint HostBoot { get; }

    /// <summary>Milliseconds on the monotonic clock.</summary>
    public long MonotonicMs => (long)(_time.GetTimestamp() * (1000.0 / _time.TimestampFrequency));

    /// <summary>The wall time now.</summary>
    public DateTimeOffset WallNow => _time.GetUtcNow();

    /// <summary>A stamp for this instant: untrusted stamps carry the host boot, so they can be corrected later.</summary>
    public Stamp Now()
    {
        var trusted = _sync.IsSynchronised;
        return new Stamp(_time.GetUtcNow().ToUnixTimeMilliseconds(), MonotonicMs, trusted, trusted ? 0 : HostBoot);
    }

    /// <summary>
    /// The rule of ADR 0004: an untrusted stamp taken during this host boot, once the clock is synchronised,
    /// gets the wall time of its monotonic instant (now's wall time minus the monotonic time elapsed since),
    /// marked corrected. Trusted stamps, stamps of another host boot and any stamp while the clock is still
    /// unsynchronised come back unchanged.
    /// </summary>
    public Stamp Correct(Stamp stamp)
    {
        if (stamp.Trusted || stamp.Corrected || stamp.HostBoot == 0 || stamp.HostBoot != HostBoot || !_sync.IsSynchronised)
        {
            return stamp;
        }

        var monotonicNow = MonotonicMs;
        if (stamp.MonotonicMs > monotonicNow)
        {
            return stamp;
        }

        var wall = _time.GetUtcNow().ToUnixTimeMilliseconds() - (monotonicNow - stamp.MonotonicMs);
        return stamp with { WallMs = wall, Corrected = true };
    }

    /// <summary>The record with its stamp corrected by <see cref="Correct(Stamp)"/>; the same record when nothing changes.</summary>
    public Record Correct(Record record)
    {
        if (record.Stamp.Trusted)
        {
            return record;
        }

        var stamp = Correct(record.Stamp);
        return stamp == record.Stamp ? record : record.WithStamp(stamp);
    }

    private static uint ReadHostBoot()
    {
        try
        {
            // e.g. "1c9a4a2e-5b0f-4f4e-9a7d-0c3e7d9a1b22": the first eight hex digits are plenty to tell boots apart.
            var text = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            return text.Length >= 8 && uint.TryParse(text.AsSpan(0, 8), System.Globalization.NumberStyles.HexNumber, null, out var tag) ? tag : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
