using System.Diagnostics;
using System.Runtime.InteropServices;
using Gateway.Configuration;
using Gateway.Logging;

namespace Gateway.Store;

/// <summary>
/// The writer thread: group commits of records and acknowledgements, fsync by policy, then upkeep. A producer
/// that stages a burst and commits it writes the burst itself while the writer is idle (<see cref="Commit"/>);
/// whoever writes holds <see cref="_commitLock"/>, and everything below is touched only under it.
/// </summary>
public sealed partial class SegmentOutbox
{
    private const int RetryMs = 1000;
    private const int UpkeepMs = 1000;

    /// <summary>The longest an acknowledgement waits to be saved when no record arrives to carry it.</summary>
    private const int AckSaveMs = 20;
    private readonly List<PendingRecord>[] _batches;
    private readonly Dictionary<string, WrittenSeq> _writtenSeqs;
    private readonly FrameBuffer _recordBuffer = new();
    private readonly FrameBuffer _stateBuffer = new();
    private readonly object _cycleLock = new();
    private readonly Lock _commitLock = new();
    private readonly StateLog _state;
    private long _cycles;
    private bool _upkeepRequested;
    private int _savesRequested;
    private long _unsyncedSince = -1;
    private long _retryAt = -1;
    private long _lastUpkeep;
    private long _consumersSavedAt;

    private void Run()
    {
        while (true)
        {
            var stopping = _disposed;
            if (!stopping && _wake.Wait(WaitMs()) && _options.CommitIntervalMs > 0)
            {
                // Woken by an append or an acknowledgement: gather what arrives in the commit window into the same write.
                Thread.Sleep(_options.CommitIntervalMs);
            }

            lock (_commitLock)
            {
                try
                {
                    Cycle(final: stopping);
                }
                catch (Exception e)
                {
                    // A fault of the store itself: keep what was taken, say so, and try again shortly rather than stop writing.
                    Log.WriterFailed(_logger, _directory, e);
                    _lastError = e.Message;
                    _retryAt = Environment.TickCount64 + RetryMs;
                }

                if (stopping)
                {
                    Close();
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Commit()
    {
        if (!_staged)
        {
            return;
        }

        // With EveryCommit each commit is followed by an fsync, which stays off the producer's thread.
        if (_options.Sync != StoreSyncMode.EveryCommit && EnterCommit())
        {
            bool written;
            try
            {
                written = TryCommitHere();
            }
            finally
            {
                _commitLock.Exit();
            }

            if (written)
            {
                // Outside the lock: a cursor's readable callback may send what was written, on this thread.
                RingCursors();
                return;
            }
        }

        RequestCommit();
    }

    /// <summary>
    /// Takes the commit lock if the writer is not holding it. When records pile up (half of
    /// <c>Store:MaxPendingRecords</c>), waits for it instead: the producer then stops reading while the writer
    /// syncs, and the port's buffer holds what arrives meanwhile, rather than the store refusing records.
    /// </summary>
    private bool EnterCommit()
    {
        if (_commitLock.TryEnter())
        {
            return true;
        }

        if (Volatile.Read(ref _pendingCount) < _options.MaxPendingRecords / 2)
        {
            return false;
        }

        _commitLock.Enter();
        return true;
    }

    /// <summary>
    /// The producer's own commit, while the writer is idle: what is staged, and the acknowledgements that came
    /// with it, handed to the file system. Failures, retries, fsync and upkeep are the writer's; false leaves
    /// the work to it.
    /// </summary>
    private bool TryCommitHere()
    {
        if (_disposed || _retryAt >= 0 || _diskFull)
        {
            return false;
        }

        var synced = _unsyncedSince < 0;
        try
        {
            TakePending(resetWake: false);
            if (Environment.TickCount64 - _consumersSavedAt >= AckSaveMs)
            {
                // Acknowledgements ride on a producer's commit at most every AckSaveMs: one state write per
                // reading would double the writes of a steady stream for little gain (a lost acknowledgement
                // only sends its record again).
                SaveConsumers();
            }

            WriteBatches();
        }
        catch (IOException)
        {
            // Whatever was not written stays in its batch, in order; the writer tries again and says what failed.
            return false;
        }

        if (synced && _unsyncedSince >= 0 && _options.Sync == StoreSyncMode.Interval)
        {
            // The first write since the last fsync: the writer times the next one from now.
            _wake.Set();
        }

        return true;
    }

    /// <summary>Tells every cursor that records may have become readable (each calls its uplink back only if so).</summary>
    private void RingCursors()
    {
        foreach (var cursor in _cursors)
        {
            cursor.Ring();
        }
    }

    /// <summary>Wakes the writer for what is pending, unless it was asked already.</summary>
    private void RequestCommit()
    {
        if (_disposed)
        {
            // The writer's last cycle wrote, or counted as lost, everything taken before the store closed.
            return;
        }

        bool wake;
        lock (_appendLock)
        {
            wake = !_commitRequested;
            _commitRequested = true;
        }

        if (wake)
        {
            _wake.Set();
        }
    }

    private void Cycle(bool final)
    {
        TakePending();
        var retryDue = _retryAt < 0 || Environment.TickCount64 >= _retryAt || final;
        if (retryDue)
        {
            try
            {
                // Acknowledgements first: they do not wait for a large batch of records to be written.
                SaveConsumers();
                var wrote = WriteBatches();
                SaveConsumers();
                SyncAsDue(final);
                _retryAt = -1;
                EndDiskFull(wrote);
            }
            catch (IOException e) when (DiskErrors.IsDiskFull(e, _directory, _options.SegmentBytes))
            {
                OnDiskFull(e);
            }
            catch (IOException e)
            {
                OnStorageError(e);
            }
        }

        RingCursors();

        try
        {
            Upkeep(final);
        }
        catch (IOException e)
        {
            OnStorageError(e);
        }

        lock (_cycleLock)
        {
            _cycles++;
            Monitor.PulseAll(_cycleLock);
        }
    }

    /// <summary>
    /// Moves what producers appended into the writer's batches. A producer committing its own burst leaves the
    /// writer's wake-up alone: it may have been set for something else (a flush, the stop).
    /// </summary>
    private void TakePending(bool resetWake = true)
    {
        lock (_appendLock)
        {
            for (var lane = 0; lane < _lanes.Length; lane++)
            {
                if (_pending[lane].Count == 0)
                {
                    continue;
                }

                if (_batches[lane].Count == 0)
                {
                    (_batches[lane], _pending[lane]) = (_pending[lane], _batches[lane]);
                }
                else
                {
                    _batches[lane].AddRange(_pending[lane]);
                    _pending[lane].Clear();
                }
            }

            _staged = false;
            if (resetWake)
            {
                _commitRequested = false;
                _wake.Reset();
            }
        }
    }

    /// <summary>Writes every lane's batch, control first; true when anything was written.</summary>
    private bool WriteBatches()
    {
        var wrote = false;
        foreach (var lane in OutboxLanes.All)
        {
            var batch = _batches[(int)lane];
            if (batch.Count == 0)
            {
                continue;
            }

            var done = 0;
            try
            {
                _lanes[(int)lane].Write(batch, ref done, _recordBuffer);
            }
            finally
            {
                if (done > 0)
                {
                    Written(lane, batch, done);
                    wrote = true;
                }
            }
        }

        return wrote;
    }

    private void Written(OutboxLane lane, List<PendingRecord> batch, int count)
    {
        if (lane == OutboxLane.Telemetry)
        {
            for (var i = 0; i < count; i++)
            {
                var record = batch[i].Record;
                CollectionsMarshal.GetValueRefOrAddDefault(_writtenSeqs, record.DeviceId, out _) =
                    new WrittenSeq(new DeviceSeq(record.BootId, record.Seq), Saved: false);
            }
        }

        batch.RemoveRange(0, count);
        if (batch.Capacity > 64 * 1024 && batch.Count < 1024)
        {
            batch.Capacity = 1024;
        }

        lock (_appendLock)
        {
            _pendingCount -= count;
        }

        Interlocked.Add(ref _written, count);
        if (_unsyncedSince < 0)
        {
            _unsyncedSince = Environment.TickCount64;
        }
    }

    /// <summary>Appends the positions of every consumer whose acknowledgements changed, in one write.</summary>
    private void SaveConsumers()
    {
        if (Interlocked.Exchange(ref _savesRequested, 0) == 0)
        {
            return;
        }

        _consumersSavedAt = Environment.TickCount64;
        _stateBuffer.Clear();
        var saved = new List<SegmentCursor>();
        foreach (var cursor in _cursors)
        {
            if (!cursor.TakeDirty())
            {
                continue;
            }

            saved.Add(cursor);
            foreach (var lane in OutboxLanes.All)
            {
                StateCodec.WriteConsumer(_stateBuffer, cursor.Name, lane, cursor.Position(lane));
            }
        }

        try
        {
            _state.Append(_stateBuffer.Written);
        }
        catch (IOException)
        {
            saved.ForEach(cursor => cursor.MarkDirty());
            Interlocked.Exchange(ref _savesRequested, 1);
            throw;
        }

        if (_stateBuffer.Length > 0 && _unsyncedSince < 0)
        {
            _unsyncedSince = Environment.TickCount64;
        }
    }

    private void SyncAsDue(bool final)
    {
        if (_unsyncedSince < 0)
        {
            return;
        }

        var due = _options.Sync switch
        {
            StoreSyncMode.EveryCommit => true,
            StoreSyncMode.Interval => Environment.TickCount64 - _unsyncedSince >= _options.SyncIntervalMs,
            _ => false,
        };
        if (due || final)
        {
            SyncAll();
        }
    }

    /// <summary>Syncs every file written to, then removes the segments released meanwhile.</summary>
    private void SyncAll()
    {
        foreach (var lane in _lanes)
        {
            lane.Sync();
        }

        _state.Sync();
        _unsyncedSince = -1;
        RemoveReleased();
    }

    /// <summary>How long the writer may sleep: until a sync, a retry or the upkeep is due.</summary>
    private int WaitMs()
    {
        var now = Environment.TickCount64;
        var wait = _lastUpkeep + UpkeepMs - now;
        // While a failed write waits for its retry, the sync waits with it (it only follows a write).
        if (_unsyncedSince >= 0 && _options.Sync != StoreSyncMode.None && _retryAt < 0)
        {
            wait = Math.Min(wait, _options.Sync == StoreSyncMode.Interval ? _unsyncedSince + _options.SyncIntervalMs - now : 0);
        }

        if (_retryAt >= 0)
        {
            wait = Math.Min(wait, _retryAt - now);
        }

        if (Volatile.Read(ref _savesRequested) != 0)
        {
            wait = Math.Min(wait, AckSaveMs);
        }

        return (int)Math.Clamp(wait, 0, UpkeepMs);
    }

    private void OnStorageError(IOException error)
    {
        var first = _lastError != error.Message;
        _lastError = error.Message;
        _retryAt = Environment.TickCount64 + RetryMs;
        if (first)
        {
            Notify(new StoreNotice(StoreNoticeKind.StorageError, _time.GetUtcNow(),
                $"the store could not write to {_directory} ({error.Message}); what it took is kept in memory and written when it can"));
        }
    }

    /// <summary>At stop: everything written, every position and sequence number saved, everything synced.</summary>
    private void Close()
    {
        try
        {
            SaveAllState(sync: false);
            SyncAll();
        }
        catch (IOException e)
        {
            _lastError = e.Message;
        }

        var lost = _batches.Sum(b => b.Count) + _pending.Sum(p => p.Count);
        if (lost > 0)
        {
            Log.LostAtStop(_logger, _directory, lost, _lastError ?? "unknown");
        }
    }

    /// <summary>The last sequence number of a device as written, and whether the state file has it.</summary>
    private readonly record struct WrittenSeq(DeviceSeq Seq, bool Saved);
}
