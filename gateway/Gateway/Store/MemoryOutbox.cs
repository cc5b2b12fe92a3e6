using System.Threading.Channels;
using Gateway.Core.Telemetry;
using Gateway.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Store;

/// <summary>
/// An outbox in memory, bounded by a number of records (beyond it the oldest telemetry record is dropped,
/// then the oldest control record). Nothing survives a restart: it serves tests and gateways configured
/// with <c>Store:Engine = Memory</c>. Same lanes, order and declared consumers as the durable store; no age
/// bound. With no consumer declared, nothing is kept.
/// </summary>
public sealed partial class MemoryOutbox : IOutbox
{
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly LaneEntries[] _lanes = [new(), new()];
    private readonly Dictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceSeq> _lastSeqs = new(StringComparer.Ordinal);
    private readonly NoticeHub _notices = new();
    private readonly string[] _consumers;
    private readonly ILogger _logger;
    private long _appended;
    private long _released;
    private bool _dropping;

    /// <summary>An outbox holding at most <paramref name="capacity"/> records for <paramref name="consumers"/>.</summary>
    /// <param name="capacity">Records held at most.</param>
    /// <param name="consumers">The uplinks that read it (<see cref="OutboxConsumers"/>); each starts at the oldest record held.</param>
    /// <param name="time">The wall clock (record ages); the system's when null.</param>
    /// <param name="logger">Where its notices are logged; nowhere when null.</param>
    /// <exception cref="ArgumentException">A consumer name is empty or repeated.</exception>
    public MemoryOutbox(int capacity, IEnumerable<string> consumers, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _consumers = OutboxConsumers.Check(consumers);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        foreach (var name in _consumers)
        {
            _cursors.Add(name, new Cursor(this, name));
        }
    }

    /// <summary>Records dropped because the outbox was full.</summary>
    public long Dropped { get; private set; }

    /// <inheritdoc />
    public bool TryAppend(Record record) => TryAppend(record, OutboxLanes.Of(record));

    /// <inheritdoc />
    public bool TryStage(Record record) => TryAppend(record);

    /// <inheritdoc />
    public void Commit()
    {
        // Appended records are readable at once: nothing to write.
    }

    /// <summary>Takes a record into <paramref name="lane"/>, whatever its type says (tests of the lanes).</summary>
    internal bool TryAppend(Record record, OutboxLane lane)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (_lanes[0].Count + _lanes[1].Count >= _capacity)
            {
                DropOldest();
            }
            else
            {
                _dropping = false;
            }

            var entries = _lanes[(int)lane];
            entries.Add(new OutboxEntry(OutboxIds.Make(lane, entries.NextPosition), record));
            _appended++;
            if (lane == OutboxLane.Telemetry)
            {
                _lastSeqs[record.DeviceId] = new DeviceSeq(record.BootId, record.Seq);
            }

            if (_cursors.Count == 0)
            {
                Trim();
            }
        }

        // Outside the lock (the cursors are fixed at construction): a cursor's readable callback may send on the caller's thread.
        foreach (var cursor in _cursors.Values)
        {
            cursor.Ring();
        }

        return true;
    }

    /// <inheritdoc />
    public IOutboxCursor OpenCursor(string consumer)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        return _cursors.TryGetValue(consumer, out var cursor) ? cursor : throw OutboxConsumers.Undeclared(consumer, _consumers);
    }

    /// <inheritdoc />
    public bool TryGetLastSeq(string deviceId, out string bootId, out uint seq)
    {
        lock (_lock)
        {
            var found = _lastSeqs.TryGetValue(deviceId, out var last);
            bootId = found ? last.BootId : string.Empty;
            seq = last.Seq;
            return found;
        }
    }

    /// <inheritdoc />
    public OutboxStats GetStats()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var consumers = _cursors.Values.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new ConsumerStats(c.Name, c.BacklogLocked(), c.OldestLocked() is { } wall ? TimeSpan.FromMilliseconds(Math.Max(0, now - wall)) : null,
                    c.Acknowledged, c.LastAcknowledgedAt))
                .ToArray();
            var drops = DropReasons.Names.ToDictionary(n => n, n => n == DropReasons.Full ? Dropped : 0, StringComparer.Ordinal);
            return new OutboxStats(consumers, _appended, 0, 0, drops, null, null) { Written = _appended, Released = _released };
        }
    }

    /// <inheritdoc />
    public void Subscribe(ChannelWriter<StoreNotice> observer) => _notices.Subscribe(observer);

    private void DropOldest()
    {
        var lane = _lanes[(int)OutboxLane.Telemetry].Count > 0 ? OutboxLane.Telemetry : OutboxLane.Control;
        var dropped = _lanes[(int)lane].RemoveFirst();
        Dropped++;
        foreach (var cursor in _cursors.Values)
        {
            cursor.Forget(lane, OutboxIds.PositionOf(dropped.Id));
        }

        if (!_dropping)
        {
            _dropping = true;
            var notice = new StoreNotice(StoreNoticeKind.Dropped, _time.GetUtcNow(),
                $"the in-memory outbox holds {_capacity} records (Store:MemoryCapacity): the oldest are dropped to take new ones", DropReasons.Full, 1);
            Log.Notice(_logger, notice);
            _notices.Publish(notice);
        }
    }

    /// <summary>Forgets the records every consumer acknowledged.</summary>
    private void Trim()
    {
        foreach (var lane in OutboxLanes.All)
        {
            var low = long.MaxValue;
            foreach (var cursor in _cursors.Values)
            {
                low = Math.Min(low, cursor.Low(lane));
            }

            var entries = _lanes[(int)lane];
            while (entries.Count > 0 && OutboxIds.PositionOf(entries.First.Id) < low)
            {
                entries.RemoveFirst();
                _released++;
            }
        }
    }

    /// <summary>One lane's entries, oldest first, with dense positions (reachable by position).</summary>
    private sealed class LaneEntries
    {
        private readonly List<OutboxEntry> _items = [];
        private int _head;

        public long NextPosition { get; private set; } = 1;

        public int Count => _items.Count - _head;

        public OutboxEntry First => _items[_head];

        public long FirstPosition => Count > 0 ? OutboxIds.PositionOf(First.Id) : NextPosition;

        public void Add(OutboxEntry entry)
        {
            _items.Add(entry);
            NextPosition++;
        }

        public OutboxEntry RemoveFirst()
        {
            var first = _items[_head];
            _items[_head++] = default;
            if (_head > 1024 && _head > _items.Count / 2)
            {
                _items.RemoveRange(0, _head);
                _head = 0;
            }

            return first;
        }

        public bool TryGet(long position, out OutboxEntry entry)
        {
            var index = position - FirstPosition;
            var found = index >= 0 && index < Count;
            entry = found ? _items[_head + (int)index] : default;
            return found;
        }
    }
}
