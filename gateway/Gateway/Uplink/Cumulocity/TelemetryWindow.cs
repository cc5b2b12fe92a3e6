using Gateway.Health;
using Gateway.Store;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// Which outbox entries each telemetry publish of a session carries. An entry can be spread over several
/// publishes (its measurement and its alarm rows on one topic may straddle a publish boundary), and a
/// publish carries many entries: an entry is acknowledged to the outbox when the last publish carrying it
/// has its PUBACK. Per session: after a reconnect the cursor rewinds and this starts empty.
/// </summary>
internal sealed class TelemetryWindow
{
    private readonly Lock _lock = new();
    private readonly IOutboxCursor _cursor;
    private readonly UplinkState _state;
    private readonly Dictionary<long, long[]> _publishes = [];
    private readonly Dictionary<long, int> _references = [];
    private readonly WakeSignal _opened = new();
    private long _nextToken;

    /// <summary>A window acknowledging to <paramref name="cursor"/>, counting into <paramref name="state"/> (the health report).</summary>
    public TelemetryWindow(IOutboxCursor cursor, UplinkState state)
    {
        _cursor = cursor;
        _state = state;
    }

    /// <summary>Registers a publish carrying <paramref name="entries"/>; returns its token.</summary>
    public long Track(IReadOnlyCollection<long> entries)
    {
        lock (_lock)
        {
            var token = _nextToken++;
            _publishes[token] = [.. entries];
            foreach (var id in entries)
            {
                if (_references.TryAdd(id, 1))
                {
                    _state.CountPublished();
                }
                else
                {
                    _references[id]++;
                }
            }

            return token;
        }
    }

    /// <summary>The publish of <paramref name="token"/> was acknowledged.</summary>
    public void Acknowledged(long token)
    {
        List<long>? done = null;
        lock (_lock)
        {
            if (!_publishes.Remove(token, out var entries))
            {
                return;
            }

            foreach (var id in entries)
            {
                var left = _references[id] - 1;
                if (left == 0)
                {
                    _references.Remove(id);
                    (done ??= []).Add(id);
                }
                else
                {
                    _references[id] = left;
                }
            }
        }

        foreach (var id in done ?? [])
        {
            _cursor.Acknowledge(id);
            _state.CountAcknowledged();
        }
    }

    /// <summary>A window slot is free.</summary>
    public void Opened() => _opened.Set();

    /// <summary>Waits a little for a free slot.</summary>
    public Task WaitForSlotAsync(CancellationToken cancellationToken) =>
        _opened.WaitAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
}
