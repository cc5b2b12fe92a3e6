using System.Threading.Channels;
using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>
/// An outbox in memory, bounded by a number of records (the oldest is dropped when full). Nothing survives
/// a restart: it serves tests and gateways configured without a store.
/// </summary>
public sealed class MemoryOutbox : IOutbox
{
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly List<Cursor> _cursors = [];
    private readonly Queue<OutboxEntry> _entries = new();
    private long _nextId = 1;

    /// <summary>An outbox holding at most <paramref name="capacity"/> records.</summary>
    public MemoryOutbox(int capacity) => _capacity = capacity;

    /// <summary>Records dropped because the outbox was full.</summary>
    public long Dropped { get; private set; }

    /// <inheritdoc />
    public bool TryAppend(Record record)
    {
        lock (_lock)
        {
            if (_entries.Count >= _capacity)
            {
                var dropped = _entries.Dequeue();
                Dropped++;
                foreach (var cursor in _cursors)
                {
                    cursor.Forget(dropped.Id);
                }
            }

            _entries.Enqueue(new OutboxEntry(_nextId++, record));
            foreach (var cursor in _cursors)
            {
                cursor.Ring();
            }

            return true;
        }
    }

    /// <inheritdoc />
    public IOutboxCursor OpenCursor(string consumer)
    {
        lock (_lock)
        {
            var cursor = new Cursor(this, _entries.Count > 0 ? _entries.Peek().Id : _nextId);
            _cursors.Add(cursor);
            return cursor;
        }
    }

    private void Trim()
    {
        var low = long.MaxValue;
        foreach (var cursor in _cursors)
        {
            low = Math.Min(low, cursor.Low);
        }

        while (_entries.Count > 0 && _entries.Peek().Id < low)
        {
            _entries.Dequeue();
        }
    }

    private sealed class Cursor : IOutboxCursor
    {
        private readonly MemoryOutbox _outbox;
        private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly HashSet<long> _ackedAhead = [];
        private long _next;

        public Cursor(MemoryOutbox outbox, long start)
        {
            _outbox = outbox;
            _next = start;
            Low = start;
        }

        /// <summary>Every id below this is acknowledged.</summary>
        public long Low { get; private set; }

        public long Backlog
        {
            get
            {
                lock (_outbox._lock)
                {
                    return _outbox._nextId - Low - _ackedAhead.Count;
                }
            }
        }

        public void Ring() => _doorbell.Writer.TryWrite(true);

        public async ValueTask WaitToReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                lock (_outbox._lock)
                {
                    if (_next < _outbox._nextId)
                    {
                        return;
                    }
                }

                await _doorbell.Reader.ReadAsync(cancellationToken);
            }
        }

        public bool TryRead(out OutboxEntry entry)
        {
            lock (_outbox._lock)
            {
                foreach (var e in _outbox._entries)
                {
                    if (e.Id >= _next && !_ackedAhead.Contains(e.Id))
                    {
                        entry = e;
                        _next = e.Id + 1;
                        return true;
                    }
                }

                _next = Math.Max(_next, _outbox._nextId);
                entry = default;
                return false;
            }
        }

        public void Acknowledge(long id)
        {
            lock (_outbox._lock)
            {
                if (id < Low)
                {
                    return;
                }

                _ackedAhead.Add(id);
                while (_ackedAhead.Remove(Low))
                {
                    Low++;
                }

                _outbox.Trim();
            }
        }

        public void Forget(long id)
        {
            if (id >= Low)
            {
                _ackedAhead.Remove(id);
                Low = Math.Max(Low, id + 1);
                while (_ackedAhead.Remove(Low))
                {
                    Low++;
                }
            }

            _next = Math.Max(_next, Low);
        }

        public void Rewind()
        {
            lock (_outbox._lock)
            {
                _next = Low;
            }

            Ring();
        }
    }
}
