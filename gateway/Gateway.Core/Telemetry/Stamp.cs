namespace Gateway.Core.Telemetry;

/// <summary>
/// When the gateway received something: the wall clock as it read then, whether that clock was
/// trustworthy (synchronised), and a monotonic reading of the same instant so an untrusted wall time can
/// be corrected later (ADR 0004).
/// </summary>
/// <param name="WallMs">Unix time in milliseconds as the wall clock read (or, when <paramref name="Corrected"/>, as corrected).</param>
/// <param name="MonotonicMs">Milliseconds on the host's monotonic clock (since its boot).</param>
/// <param name="Trusted">Whether the wall clock was synchronised at that instant.</param>
/// <param name="HostBoot">
/// Which boot of the host <paramref name="MonotonicMs"/> counts from (a tag of the kernel's boot id; 0 when
/// unknown). Kept only for untrusted stamps, which is what makes a later correction possible.
/// </param>
/// <param name="Corrected">
/// An untrusted stamp whose <paramref name="WallMs"/> was derived afterwards from <paramref name="MonotonicMs"/>
/// and the synchronised clock of the same host boot (ADR 0004).
/// </param>
public readonly record struct Stamp(long WallMs, long MonotonicMs, bool Trusted, uint HostBoot = 0, bool Corrected = false)
{
    /// <summary>The wall time as a <see cref="DateTimeOffset"/> in UTC.</summary>
    public DateTimeOffset Wall => DateTimeOffset.FromUnixTimeMilliseconds(WallMs);
}
