namespace Gateway.Core.Telemetry;

/// <summary>
/// When the gateway received something: the wall clock as it read then, whether that clock was
/// trustworthy (synchronised), and a monotonic reading of the same instant so an untrusted wall time can
/// be corrected later (ADR 0004).
/// </summary>
/// <param name="WallMs">Unix time in milliseconds as the wall clock read.</param>
/// <param name="MonotonicMs">Milliseconds on the host's monotonic clock (since its boot).</param>
/// <param name="Trusted">Whether the wall clock was synchronised at that instant.</param>
public readonly record struct Stamp(long WallMs, long MonotonicMs, bool Trusted)
{
    /// <summary>The wall time as a <see cref="DateTimeOffset"/> in UTC.</summary>
    public DateTimeOffset Wall => DateTimeOffset.FromUnixTimeMilliseconds(WallMs);
}
