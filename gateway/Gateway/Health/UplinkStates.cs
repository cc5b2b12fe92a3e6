using System.Collections.Concurrent;

namespace Gateway.Health;

/// <summary>The uplinks' connection state and counters, as the health report shows them.</summary>
public sealed class UplinkStates
{
    private readonly ConcurrentDictionary<string, UplinkState> _uplinks = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>States timed by <paramref name="time"/>.</summary>
    public UplinkStates(TimeProvider time) => _time = time;

    /// <summary>The state of the uplink named <paramref name="name"/>, created on first use.</summary>
    public UplinkState Register(string name, string endpoint) => _uplinks.GetOrAdd(name, n => new UplinkState(n, endpoint, _time));

    /// <summary>Every registered uplink, by name.</summary>
    public IReadOnlyList<UplinkState> All => [.. _uplinks.Values.OrderBy(u => u.Name, StringComparer.Ordinal)];
}

/// <summary>One uplink: written by the uplink (counters from any thread), read by the health report.</summary>
public sealed class UplinkState
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _published;
    private long _acknowledged;
    private long _lastAckTicks;
    private bool _connected;
    private DateTimeOffset? _since;
    private string? _lastError;

    internal UplinkState(string name, string endpoint, TimeProvider time)
    {
        Name = name;
        Endpoint = endpoint;
        _time = time;
    }

    /// <summary>The uplink's name (its outbox consumer).</summary>
    public string Name { get; }

    /// <summary>Where it connects to.</summary>
    public string Endpoint { get; }

    /// <summary>Records sent since start (resends after a reconnect count again).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Records the broker acknowledged since start.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>When the broker last acknowledged a record, or null.</summary>
    public DateTimeOffset? LastAcknowledged
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastAckTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Whether the session is up, since when, and the last reason it went down.</summary>
    public (bool Connected, DateTimeOffset? Since, string? LastError) Connection
    {
        get
        {
            lock (_lock)
            {
                return (_connected, _since, _lastError);
            }
        }
    }

    /// <summary>The session is up.</summary>
    public void Connected()
    {
        lock (_lock)
        {
            _connected = true;
            _since = _time.GetUtcNow();
        }
    }

    /// <summary>The session is down, or could not be made, for <paramref name="reason"/>.</summary>
    public void Disconnected(string reason)
    {
        lock (_lock)
        {
            if (_connected || _since is null)
            {
                _since = _time.GetUtcNow();
            }

            _connected = false;
            _lastError = reason;
        }
    }

    /// <summary>Counts a record sent.</summary>
    public void CountPublished() => Interlocked.Increment(ref _published);

    /// <summary>Counts a record acknowledged by the broker now.</summary>
    public void CountAcknowledged()
    {
        Interlocked.Increment(ref _acknowledged);
        Interlocked.Exchange(ref _lastAckTicks, _time.GetUtcNow().UtcTicks);
    }
}
