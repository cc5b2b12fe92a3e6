using System.Globalization;
using Gateway.Configuration;

namespace Gateway.Store;

/// <summary>Upkeep on the writer thread: removing what every consumer acknowledged, the bounds, and compaction of the state file.</summary>
public sealed partial class SegmentOutbox
{
    private readonly List<(LaneLog Log, Segment Segment)> _released = [];
    private long _overloadRefusedBefore = -1;

    private void Upkeep(bool final)
    {
        ReleaseAcknowledged();
        EnforceMaxBytes();
        UpdateOverload();
        var now = Environment.TickCount64;
        if (final || Volatile.Read(ref _upkeepRequested) || now - _lastUpkeep >= UpkeepMs)
        {
            Volatile.Write(ref _upkeepRequested, false);
            _lastUpkeep = now;
            EnforceMaxAge();
            if (_state.Length > Math.Min(1024 * 1024, _options.SegmentBytes))
            {
                _state.Rewrite(Snapshot());
                MarkSeqsSaved();
            }
        }
    }

    /// <summary>
    /// Deletes the sealed segments every declared consumer has acknowledged (oldest first; all of them when none
    /// is declared) — once the state file holding the last sequence numbers of their records is synced: at once
    /// with <c>None</c>, else after the next sync, so releasing costs no fsync of its own.
    /// </summary>
    private void ReleaseAcknowledged()
    {
        var released = false;
        foreach (var log in _lanes)
        {
            var low = AcknowledgedBelow(log.Lane);
            foreach (var segment in log.Snapshot())
            {
                if (log.IsActive(segment) || (!segment.IsEmpty && segment.LastPosition >= low))
                {
                    break;
                }

                if (!segment.Released)
                {
                    segment.Released = true;
                    _released.Add((log, segment));
                    released = true;
                }
            }
        }

        if (released)
        {
            SaveAllState(sync: false);
        }

        if (_options.Sync == StoreSyncMode.None)
        {
            RemoveReleased();
        }
    }

    /// <summary>Deletes the released segments (their last sequence numbers are in the state file).</summary>
    private void RemoveReleased()
    {
        foreach (var (log, segment) in _released)
        {
            log.Remove(segment);
            Interlocked.Add(ref _releasedRecords, segment.Count);
        }

        _released.Clear();
    }

    private void EnforceMaxBytes()
    {
        var total = TotalBytes();
        if (total <= _options.MaxBytes)
        {
            EndRefusal(DropReason.Full);
            return;
        }

        var why = string.Create(CultureInfo.InvariantCulture, $"the store holds {total} bytes, more than Store:MaxBytes ({_options.MaxBytes})");
        if (_options.FullPolicy == StoreFullPolicy.RejectNew)
        {
            BeginRefusal(DropReason.Full, control: total > _options.MaxBytes + _options.SegmentBytes, why);
            return;
        }

        while (total > _options.MaxBytes && TryDropOldest(DropReason.Full, why, out var freed))
        {
            total -= freed;
        }
    }

    /// <summary>Drops segments whose records are all older than <c>Store:MaxAgeHours</c> by a trusted clock, oldest first.</summary>
    private void EnforceMaxAge()
    {
        if (_options.MaxAgeHours == 0)
        {
            return;
        }

        var cutoff = _time.GetUtcNow().ToUnixTimeMilliseconds() - (_options.MaxAgeHours * 3_600_000L);
        var why = string.Create(CultureInfo.InvariantCulture, $"its records are older than Store:MaxAgeHours ({_options.MaxAgeHours} h)");
        foreach (var log in _lanes)
        {
            foreach (var segment in log.Snapshot())
            {
                if (segment.Released)
                {
                    continue;
                }

                if (!segment.IsOlderThan(cutoff))
                {
                    break;
                }

                if (log.IsActive(segment))
                {
                    log.Seal();
                }

                Drop(log, segment, DropReason.Age, why);
            }
        }
    }

    /// <summary>Drops the oldest segment holding records, telemetry before control; false when there is none.</summary>
    private bool TryDropOldest(DropReason reason, string why, out long freed)
    {
        if (_released.Count > 0)
        {
            // Acknowledged by everyone already: room at no loss.
            freed = _released.Sum(r => r.Segment.Length);
            SyncAll();
            return true;
        }

        foreach (var lane in new[] { OutboxLane.Telemetry, OutboxLane.Control })
        {
            var log = _lanes[(int)lane];
            foreach (var segment in log.Snapshot())
            {
                if (segment.IsEmpty || segment.Released)
                {
                    continue;
                }

                if (log.IsActive(segment))
                {
                    log.Seal();
                }

                freed = segment.Length;
                Drop(log, segment, reason, why);
                return true;
            }
        }

        freed = 0;
        return false;
    }

    private void Drop(LaneLog log, Segment segment, DropReason reason, string why)
    {
        var records = Unacknowledged(log, segment);
        try
        {
            SaveAllState(sync: true);
        }
        catch (IOException) when (reason == DropReason.DiskFull)
        {
            // Room comes first; the sequence numbers are saved with the next commit.
        }

        log.Remove(segment);
        var floor = log.Floor;
        foreach (var cursor in _cursors)
        {
            cursor.RaiseTo(log.Lane, floor);
        }

        Interlocked.Exchange(ref _savesRequested, 1);
        Interlocked.Add(ref _drops[(int)reason], records);
        if (records > 0)
        {
            Notify(new StoreNotice(StoreNoticeKind.Dropped, _time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
                $"dropped segment {segment} of lane {log.Lane}: {records} record(s) not yet acknowledged by every uplink are lost because {why}"),
                DropReasons.Names[(int)reason], records, segment.Length, segment.Path));
        }
    }

    /// <summary>Records of <paramref name="segment"/> that some consumer has not acknowledged.</summary>
    private long Unacknowledged(LaneLog log, Segment segment)
    {
        if (segment.IsEmpty)
        {
            return 0;
        }

        var low = AcknowledgedBelow(log.Lane);
        return low <= segment.FirstPosition ? segment.Count : Math.Clamp(segment.LastPosition - low + 1, 0, segment.Count);
    }

    /// <summary>Every position of <paramref name="lane"/> below this is acknowledged by every declared consumer.</summary>
    private long AcknowledgedBelow(OutboxLane lane)
    {
        var cursors = _cursors;
        return cursors.Length == 0 ? long.MaxValue : cursors.Min(cursor => cursor.Low(lane));
    }

    private void OnDiskFull(IOException error)
    {
        _lastError = error.Message;
        _diskFull = true;
        try
        {
            if (_options.FullPolicy == StoreFullPolicy.DropOldest && TryDropOldest(DropReason.DiskFull, "the disk is full", out _))
            {
                _retryAt = -1;
                _wake.Set();
                return;
            }
        }
        catch (IOException e)
        {
            OnStorageError(e);
        }

        try
        {
            // Segments every consumer has acknowledged go only after a sync; the sync waits for a successful
            // write, which a full disk does not allow. Sync now, so that they go and make the room to write.
            SyncAll();
        }
        catch (IOException e)
        {
            OnStorageError(e);
        }

        BeginRefusal(DropReason.DiskFull, control: true, $"the disk holding {_directory} is full ({error.Message})");
        _retryAt = Environment.TickCount64 + RetryMs;
    }

    /// <summary>After a commit went through: the disk has room again when something was written, or when there is room for a segment.</summary>
    private void EndDiskFull(bool wrote)
    {
        if ((_diskFull || _refusal?.Reason == DropReason.DiskFull) && (wrote || DiskErrors.FreeSpace(_directory) >= 2L * _options.SegmentBytes))
        {
            _diskFull = false;
            _lastError = null;
            EndRefusal(DropReason.DiskFull);
        }
    }

    private void UpdateOverload()
    {
        if (!_overloaded)
        {
            return;
        }

        var refused = Interlocked.Read(ref _drops[(int)DropReason.Overload]);
        if (_overloadRefusedBefore < 0)
        {
            _overloadRefusedBefore = refused - 1;
            Notify(new StoreNotice(StoreNoticeKind.Refusing, _time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
                $"the store refuses new records: more than Store:MaxPendingRecords ({_options.MaxPendingRecords}) wait to be written to {_directory}"), DropReasons.Overload));
        }

        int pending;
        lock (_appendLock)
        {
            pending = _pendingCount;
        }

        if (pending < _options.MaxPendingRecords / 2)
        {
            _overloaded = false;
            Notify(new StoreNotice(StoreNoticeKind.Accepting, _time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
                $"the store accepts records again; {refused - _overloadRefusedBefore} were refused while the disk did not keep up"), DropReasons.Overload, refused - _overloadRefusedBefore));
            _overloadRefusedBefore = -1;
        }
    }

    private void BeginRefusal(DropReason reason, bool control, string why)
    {
        var current = _refusal;
        if (current is not null && (current.Reason == DropReason.DiskFull || current.Reason == reason) && (current.Control || !control))
        {
            return;
        }

        var same = current?.Reason == reason;
        _refusal = new Refusal(reason, control, same ? current!.RefusedBefore : Interlocked.Read(ref _drops[(int)reason]));
        if (!same)
        {
            Notify(new StoreNotice(StoreNoticeKind.Refusing, _time.GetUtcNow(),
                $"the store refuses new {(control ? "records" : "telemetry records")} because {why}", DropReasons.Names[(int)reason]));
        }
    }

    private void EndRefusal(DropReason reason)
    {
        var current = _refusal;
        if (current?.Reason != reason)
        {
            return;
        }

        _refusal = null;
        var refused = Interlocked.Read(ref _drops[(int)reason]) - current.RefusedBefore;
        Notify(new StoreNotice(StoreNoticeKind.Accepting, _time.GetUtcNow(),
            string.Create(CultureInfo.InvariantCulture, $"the store accepts new records again; {refused} were refused ({DropReasons.Names[(int)reason]})"),
            DropReasons.Names[(int)reason], refused));
    }
}
