using System.Threading.Channels;

namespace Gateway.Store;

/// <summary>The in-memory outbox's cursors.</summary>
public sealed partial class MemoryOutbox
{
    private sealed class Cursor : IOutboxCursor
    {
        private readonly MemoryOutbox _outbox;
        private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly AckWindow[] _windows = new AckWindow[2];
        private readonly long[] _next = new long[2];
        private Action? _readable;

        /// <summary>A cursor that starts at the oldest record held.</summary>
        public Cursor(MemoryOutbox outbox, string name)
        {
            _outbox = outbox;
            Name = name;
            foreach (var lane in OutboxLanes.All)
            {
                _next[(int)lane] = outbox._lanes[(int)lane].FirstPosition;
                _windows[(int)lane] = new AckWindow(_next[(int)lane], [], LaneHoles.None);
            }
        }

        public string Name { get; }

        public long Acknowledged { get; private set; }

        public DateTimeOffset? LastAcknowledgedAt { get; private set; }

        public long Backlog
        {
            get
            {
                lock (_outbox._lock)
                {
                    return BacklogLocked();
                }
            }
        }

        public long Low(OutboxLane lane) => _windows[(int)lane].Low;

        public long BacklogLocked()
        {
            long backlog = 0;
            foreach (var lane in OutboxLanes.All)
            {
                var window = _windows[(int)lane];
                backlog += _outbox._lanes[(int)lane].NextPosition - window.Low - window.AheadCount;
            }

            return backlog;
        }

        public long? OldestLocked()
        {
            long? oldest = null;
            foreach (var lane in OutboxLanes.All)
            {
                if (_outbox._lanes[(int)lane].TryGet(_windows[(int)lane].Low, out var entry))
                {
                    oldest = Math.Min(oldest ?? long.MaxValue, entry.Record.Stamp.WallMs);
                }
            }

            return oldest;
        }

        public void SetReadableCallback(Action? callback) => Volatile.Write(ref _readable, callback);

        public void Ring()
        {
            _doorbell.Writer.TryWrite(true);
            Volatile.Read(ref _readable)?.Invoke();
        }

        public async ValueTask WaitToReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                lock (_outbox._lock)
                {
                    foreach (var lane in OutboxLanes.All)
                    {
                        if (_next[(int)lane] < _outbox._lanes[(int)lane].NextPosition)
                        {
                            return;
                        }
                    }
                }

                await _doorbell.Reader.ReadAsync(cancellationToken);
            }
        }

        public bool TryRead(out OutboxEntry entry)
        {
            lock (_outbox._lock)
            {
                foreach (var lane in OutboxLanes.All)
                {
                    var entries = _outbox._lanes[(int)lane];
                    ref var next = ref _next[(int)lane];
                    next = Math.Max(next, entries.FirstPosition);
                    while (entries.TryGet(next, out entry))
                    {
                        next++;
                        if (!_windows[(int)lane].IsAcknowledged(next - 1))
                        {
                            return true;
                        }
                    }
                }

                entry = default;
                return false;
            }
        }

        public void Acknowledge(long id)
        {
            var lane = OutboxIds.LaneOf(id);
            if ((int)lane >= _windows.Length)
            {
                return;
            }

            lock (_outbox._lock)
            {
                var position = OutboxIds.PositionOf(id);
                if (position < _outbox._lanes[(int)lane].NextPosition && _windows[(int)lane].Acknowledge(position, LaneHoles.None))
                {
                    Acknowledged++;
                    LastAcknowledgedAt = _outbox._time.GetUtcNow();
                    _outbox.Trim();
                }
            }
        }

        /// <summary>The record at <paramref name="position"/> was dropped: it counts as done.</summary>
        public void Forget(OutboxLane lane, long position) => _windows[(int)lane].RaiseTo(position + 1, LaneHoles.None);

        public void Rewind()
        {
            lock (_outbox._lock)
            {
                foreach (var lane in OutboxLanes.All)
                {
                    _next[(int)lane] = _windows[(int)lane].Low;
                }
            }

            Ring();
        }
    }
}
