namespace Gateway.Core.Resilience;

/// <summary>
/// Capped, decorrelated-jitter backoff: each delay is drawn between the base and three times the previous
/// delay, never above the cap, so many clients retrying at once spread out. <see cref="Reset"/> after a
/// success (a CONNACK, an open port) starts again from the base.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _cap;
    private readonly Random _random;
    private TimeSpan _last;

    /// <summary>Delays from <paramref name="baseDelay"/> up to <paramref name="cap"/>.</summary>
    public Backoff(TimeSpan baseDelay, TimeSpan cap, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, baseDelay);

        _base = baseDelay;
        _cap = cap;
        _random = random ?? Random.Shared;
        _last = baseDelay;
    }

    /// <summary>The next delay to wait.</summary>
    public TimeSpan Next()
    {
        var upper = _last.Ticks > _cap.Ticks / 3 ? _cap.Ticks : _last.Ticks * 3;
        var ticks = upper <= _base.Ticks ? _base.Ticks : _random.NextInt64(_base.Ticks, upper + 1);
        _last = TimeSpan.FromTicks(ticks);
        return _last;
    }

    /// <summary>Starts again from the base delay.</summary>
    public void Reset() => _last = _base;
}
