using System.Threading.Channels;
using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>
/// A consumer of the <see cref="SegmentOutbox"/>: per lane, a reader over the segment files and an
/// acknowledgement window. Acknowledgements are marked dirty here and saved by the writer thread.
/// </summary>
internal sealed class SegmentCursor : IOutboxCursor, IDisposable
{
    private readonly SegmentOutbox _store;
    private readonly LaneReader[] _readers;
    private readonly AckWindow[] _windows;
    private readonly Lock _ackLock = new();
    private readonly Lock _readLock = new();
    private readonly RecordReadCache _cache = new();
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Func<long, bool>[] _skips;
    private readonly Action<long> _onCorrupt;
    private readonly (long Position, long WallMs)[] _stamps;
    private Action? _readable;
    private int _dirty;
    private long _acknowledged;
    private long _lastAcknowledgedMs = long.MinValue;

    public SegmentCursor(SegmentOutbox store, string name, LaneLog[] lanes, Func<OutboxLane, ConsumerPosition> start)
    {
        _store = store;
        Name = name;
        _readers = new LaneReader[lanes.Length];
        _windows = new AckWindow[lanes.Length];
        _skips = new Func<long, bool>[lanes.Length];
        _stamps = new (long, long)[lanes.Length];
        foreach (var lane in OutboxLanes.All)
        {
            var log = lanes[(int)lane];
            var position = start(lane);
            _windows[(int)lane] = new AckWindow(Math.Max(position.Low, 1), position.Ahead, log.Holes);
            _windows[(int)lane].RaiseTo(log.Floor, log.Holes);
            _readers[(int)lane] = new LaneReader(log, lane == OutboxLane.Control ? 4096 : 64 * 1024);
            _readers[(int)lane].MoveTo(_windows[(int)lane].Low);
            var window = _windows[(int)lane];
            _skips[(int)lane] = p => IsAcknowledged(window, p);
        }

        _onCorrupt = _store.CountCorrupt;
        _dirty = 1;
    }

    public string Name { get; }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>When this consumer last acknowledged a record, or null when it has not since the store opened.</summary>
    public DateTimeOffset? LastAcknowledgedAt => Interlocked.Read(ref _lastAcknowledgedMs) is var ms && ms != long.MinValue ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public long Backlog
    {
        get
        {
            long backlog = 0;
            foreach (var reader in _readers)
            {
                var log = reader.Log;
                var next = log.NextPosition;
                lock (_ackLock)
                {
                    var window = _windows[(int)log.Lane];
                    var low = Math.Max(window.Low, log.Floor);
                    backlog += Math.Max(0, next - low - window.AheadCount - log.Holes.CountBetween(low, next));
                }
            }

            return backlog;
        }
    }

    public async ValueTask WaitToReadAsync(CancellationToken cancellationToken)
    {
        while (!HasReadable())
        {
            await _doorbell.Reader.ReadAsync(cancellationToken);
        }
    }

    public bool TryRead(out OutboxEntry entry)
    {
        lock (_readLock)
        {
            foreach (var reader in _readers)
            {
                if (reader.TryRead(_cache, _skips[(int)reader.Log.Lane], _onCorrupt, out var position, out var record))
                {
                    entry = new OutboxEntry(OutboxIds.Make(reader.Log.Lane, position), record!);
                    return true;
                }
            }
        }

        entry = default;
        return false;
    }

    public void Acknowledge(long id)
    {
        var lane = (int)OutboxIds.LaneOf(id);
        var position = OutboxIds.PositionOf(id);
        if (lane >= _readers.Length || position <= 0 || position > _readers[lane].Log.WrittenThrough)
        {
            return;
        }

        bool changed;
        lock (_ackLock)
        {
            changed = _windows[lane].Acknowledge(position, _readers[lane].Log.Holes);
        }

        if (changed)
        {
            Interlocked.Increment(ref _acknowledged);
            Interlocked.Exchange(ref _lastAcknowledgedMs, _store.Time.GetUtcNow().ToUnixTimeMilliseconds());
            if (Interlocked.Exchange(ref _dirty, 1) == 0)
            {
                _store.RequestSave();
            }
        }
    }

    public void Rewind()
    {
        lock (_readLock)
        {
            foreach (var reader in _readers)
            {
                reader.MoveTo(Low(reader.Log.Lane));
            }
        }

        Ring();
    }

    public void SetReadableCallback(Action? callback) => Volatile.Write(ref _readable, callback);

    public void Ring()
    {
        _doorbell.Writer.TryWrite(true);
        if (Volatile.Read(ref _readable) is { } readable && HasReadable())
        {
            // Only when there is something to read: the writer rings after every cycle, acknowledgements too.
            readable();
        }
    }

    /// <summary>Every position of <paramref name="lane"/> below this is acknowledged by this consumer.</summary>
    public long Low(OutboxLane lane)
    {
        lock (_ackLock)
        {
            return _windows[(int)lane].Low;
        }
    }

    /// <summary>Records below <paramref name="floor"/> are gone from <paramref name="lane"/>.</summary>
    public void RaiseTo(OutboxLane lane, long floor)
    {
        lock (_ackLock)
        {
            if (_windows[(int)lane].RaiseTo(floor, _readers[(int)lane].Log.Holes))
            {
                Volatile.Write(ref _dirty, 1);
            }
        }
    }

    /// <summary>Whether acknowledgements changed since the last call (the writer then saves <see cref="Position"/>).</summary>
    public bool TakeDirty() => Interlocked.Exchange(ref _dirty, 0) == 1;

    public void MarkDirty() => Volatile.Write(ref _dirty, 1);

    public ConsumerPosition Position(OutboxLane lane)
    {
        lock (_ackLock)
        {
            var window = _windows[(int)lane];
            return new ConsumerPosition(window.Low, window.AheadSorted(4096));
        }
    }

    /// <summary>The wall-clock stamp of the oldest record not acknowledged, or null when there is none on disk.</summary>
    public long? OldestUnacknowledgedWallMs()
    {
        long? oldest = null;
        foreach (var reader in _readers)
        {
            var log = reader.Log;
            var lane = (int)log.Lane;
            var low = log.Holes.SkipFrom(Math.Max(Low(log.Lane), log.Floor));
            if (low > log.WrittenThrough)
            {
                continue;
            }

            if (_stamps[lane].Position != low && log.TryReadStamp(low, out var wallMs))
            {
                _stamps[lane] = (low, wallMs);
            }

            if (_stamps[lane].Position == low)
            {
                oldest = Math.Min(oldest ?? long.MaxValue, _stamps[lane].WallMs);
            }
        }

        return oldest;
    }

    public void Dispose()
    {
        lock (_readLock)
        {
            foreach (var reader in _readers)
            {
                reader.Dispose();
            }
        }
    }

    private bool HasReadable()
    {
        foreach (var reader in _readers)
        {
            if (reader.MayHaveMore)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsAcknowledged(AckWindow window, long position)
    {
        lock (_ackLock)
        {
            return window.IsAcknowledged(position);
        }
    }
}
