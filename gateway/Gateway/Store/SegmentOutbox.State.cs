using System.Runtime.InteropServices;
using Gateway.Configuration;

namespace Gateway.Store;

/// <summary>The state file's content and the statistics.</summary>
public sealed partial class SegmentOutbox
{
    /// <inheritdoc />
    public OutboxStats GetStats()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var consumers = new List<ConsumerStats>();
        foreach (var cursor in _cursors.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var backlog = cursor.Backlog;
            TimeSpan? age = null;
            if (backlog > 0)
            {
                age = cursor.OldestUnacknowledgedWallMs() is { } wallMs ? TimeSpan.FromMilliseconds(Math.Max(0, now - wallMs)) : TimeSpan.Zero;
            }

            consumers.Add(new ConsumerStats(cursor.Name, backlog, age, cursor.Acknowledged, cursor.LastAcknowledgedAt));
        }

        var drops = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _drops.Length; i++)
        {
            drops[DropReasons.Names[i]] = Interlocked.Read(ref _drops[i]);
        }

        long appended;
        long pending;
        lock (_appendLock)
        {
            appended = _appended;
            pending = _pendingCount;
        }

        var refusing = _refusal is { } refusal ? DropReasons.Names[(int)refusal.Reason] : _overloaded ? DropReasons.Overload : null;
        return new OutboxStats(consumers, appended, pending, TotalBytes(), drops, refusing, _lastError)
        {
            Written = Interlocked.Read(ref _written),
            Released = Interlocked.Read(ref _releasedRecords),
            DiskFull = _diskFull || _refusal?.Reason == DropReason.DiskFull,
        };
    }

    private long TotalBytes() => _lanes.Sum(lane => lane.Bytes) + _state.Length;

    /// <summary>
    /// Appends to the state file what is not in it yet — last sequence numbers, lane heads, changed consumer
    /// positions — and syncs it when <paramref name="sync"/> (unless the policy is None): done before segments are
    /// removed, so that the last sequence numbers of their records outlive them.
    /// </summary>
    private void SaveAllState(bool sync)
    {
        _stateBuffer.Clear();
        foreach (var (device, written) in _writtenSeqs)
        {
            if (!written.Saved)
            {
                StateCodec.WriteLastSeq(_stateBuffer, device, written.Seq);
            }
        }

        foreach (var lane in _lanes)
        {
            StateCodec.WriteHead(_stateBuffer, lane.Lane, Head(lane));
        }

        _state.Append(_stateBuffer.Written);
        MarkSeqsSaved();
        _unsyncedSince = _unsyncedSince < 0 ? Environment.TickCount64 : _unsyncedSince;
        Interlocked.Exchange(ref _savesRequested, 1);
        SaveConsumers();
        if (sync && _options.Sync != StoreSyncMode.None)
        {
            _state.Sync();
        }
    }

    /// <summary>Everything the state file holds, for rewriting it (and clears the consumers' dirty marks).</summary>
    private StoreState Snapshot()
    {
        var state = new StoreState();
        foreach (var lane in _lanes)
        {
            state.LaneHeads[(int)lane.Lane] = Head(lane);
        }

        foreach (var cursor in _cursors)
        {
            cursor.TakeDirty();
            foreach (var lane in OutboxLanes.All)
            {
                state.SetConsumer(cursor.Name, lane, cursor.Position(lane));
            }
        }

        foreach (var (device, written) in _writtenSeqs)
        {
            state.LastSeqs[device] = written.Seq;
        }

        return state;
    }

    private void MarkSeqsSaved()
    {
        foreach (var device in _writtenSeqs.Keys)
        {
            ref var written = ref CollectionsMarshal.GetValueRefOrNullRef(_writtenSeqs, device);
            written = written with { Saved = true };
        }
    }

    /// <summary>The lane's next position as far as the disk knows: positions are never given twice.</summary>
    private static long Head(LaneLog lane) => Math.Max(lane.WrittenThrough + 1, lane.OpenedNext);
}
