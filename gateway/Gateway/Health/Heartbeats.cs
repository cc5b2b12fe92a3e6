using System.Collections.Concurrent;

namespace Gateway.Health;

/// <summary>
/// Loops that must keep moving report here; the watchdog feeds systemd only while every registered loop
/// has beaten recently, so a wedged gateway is restarted instead of being kept alive by a timer.
/// </summary>
public sealed class Heartbeats
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Heartbeats on <paramref name="time"/>.</summary>
    public Heartbeats(TimeProvider time) => _time = time;

    /// <summary>Reports that the loop named <paramref name="name"/> is alive.</summary>
    public void Beat(string name) => _last[name] = _time.GetTimestamp();

    /// <summary>The loops that have not beaten within <paramref name="maxAge"/> (empty when all are alive).</summary>
    public IReadOnlyList<string> Stale(TimeSpan maxAge)
    {
        var now = _time.GetTimestamp();
        var stale = new List<string>();
        foreach (var (name, last) in _last)
        {
            if (_time.GetElapsedTime(last, now) > maxAge)
            {
                stale.Add(name);
            }
        }

        return stale;
    }
}
