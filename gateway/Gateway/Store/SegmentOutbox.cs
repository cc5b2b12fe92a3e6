using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Core.Telemetry;
using Gateway.Logging;
using Microsoft.Extensions.Logging;

namespace Gateway.Store;

/// <summary>
/// The durable outbox (ADR 0003): an append-only log of segment files per lane, written by one writer thread
/// in group commits, with each consumer's acknowledgements and each device's last sequence number kept in a
/// small state file. Appends only queue in memory; the writer hands them to the file system within
/// <c>Store:CommitIntervalMs</c> and syncs them as <c>Store:Sync</c> says. Cursors replay from the files.
/// The consumers are declared when the store opens (<see cref="OutboxConsumers"/>); a record is deleted once
/// each of them has acknowledged it, and with none declared, once it is written.
/// </summary>
public sealed partial class SegmentOutbox : IOutbox, IDisposable
{
    private readonly StoreOptions _options;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LaneLog[] _lanes;
    private readonly NoticeHub _notices = new();
    private readonly Lock _appendLock = new();
    private readonly List<PendingRecord>[] _pending;
    private readonly Dictionary<string, DeviceSeq> _lastSeqs;
    private readonly Dictionary<string, SegmentCursor> _cursorsByName = new(StringComparer.Ordinal);
    private readonly string[] _consumers;
    private readonly long[] _drops = new long[DropReasons.Names.Length];
    private readonly Thread _writer;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private volatile SegmentCursor[] _cursors = [];
    private volatile Refusal? _refusal;
    private volatile bool _overloaded;
    private volatile string? _lastError;
    private volatile bool _diskFull;
    private volatile bool _disposed;
    private bool _commitRequested;
    private volatile bool _staged;
    private int _pendingCount;
    private long _appended;
    private long _written;
    private long _releasedRecords;

    /// <summary>Opens (and recovers) the store in <paramref name="directory"/> and starts its writer thread.</summary>
    /// <param name="directory">The store's directory (created when missing).</param>
    /// <param name="options">The <c>Store</c> section.</param>
    /// <param name="consumers">
    /// The uplinks that read the store (<see cref="OutboxConsumers"/>). Each resumes from its persisted position, or
    /// starts at the oldest record held; the positions of consumers not named here are forgotten.
    /// </param>
    /// <param name="time">The wall clock (record ages).</param>
    /// <param name="logger">The store's logger.</param>
    /// <exception cref="ArgumentException">A consumer name is empty or repeated.</exception>
    /// <exception cref="IOException">The directory cannot be used.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be used.</exception>
    public SegmentOutbox(string directory, StoreOptions options, IEnumerable<string> consumers, TimeProvider time, ILogger<SegmentOutbox> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SegmentBytes, 4096);
        _consumers = OutboxConsumers.Check(consumers);
        _options = options;
        _directory = directory;
        _time = time;
        _logger = logger;
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(directory);
        var report = new RecoveryReport(time);
        var state = StateLog.Load(directory, report);
        _lanes = new LaneLog[OutboxLanes.All.Length];
        _pending = new List<PendingRecord>[_lanes.Length];
        _batches = new List<PendingRecord>[_lanes.Length];
        _writtenSeqs = new Dictionary<string, WrittenSeq>(StringComparer.Ordinal);
        foreach (var (device, seq) in state.LastSeqs)
        {
            _writtenSeqs[device] = new WrittenSeq(seq, Saved: true);
        }

        foreach (var lane in OutboxLanes.All)
        {
            var laneDirectory = Path.Combine(directory, OutboxLanes.DirectoryName(lane));
            var recovery = new LaneRecovery(lane, laneDirectory, options, report);
            var scan = recovery.Run(MinimumNext(state, lane), header =>
            {
                if (lane == OutboxLane.Telemetry)
                {
                    _writtenSeqs[header.DeviceId] = new WrittenSeq(new DeviceSeq(header.BootId, header.Seq), Saved: false);
                }
            });
            _lanes[(int)lane] = new LaneLog(lane, laneDirectory, options, scan);
            _pending[(int)lane] = [];
            _batches[(int)lane] = [];
        }

        _drops[(int)DropReason.Corrupt] = report.CorruptRecords;
        _lastSeqs = _writtenSeqs.ToDictionary(e => e.Key, e => e.Value.Seq, StringComparer.Ordinal);
        foreach (var (name, positions) in state.Consumers)
        {
            if (_consumers.Contains(name, StringComparer.Ordinal))
            {
                AddCursor(name, lane => positions[(int)lane]);
            }
            else
            {
                Log.ConsumerForgotten(_logger, directory, name, string.Join(", ", _consumers));
            }
        }

        foreach (var name in _consumers.Where(name => !_cursorsByName.ContainsKey(name)))
        {
            AddCursor(name, lane => new ConsumerPosition(_lanes[(int)lane].Floor, []));
        }

        _state = StateLog.Create(directory, Snapshot());
        MarkSeqsSaved();
        foreach (var notice in report.Notices)
        {
            Notify(notice);
        }

        Log.StoreOpened(_logger, directory, _lanes[(int)OutboxLane.Telemetry].Snapshot().Length, _lanes[(int)OutboxLane.Control].Snapshot().Length,
            _cursors.Length, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _writer = new Thread(Run) { IsBackground = true, Name = "outbox-writer" };
        _writer.Start();
    }

    /// <summary>Records handed to the file system (with <c>write()</c>) since the store opened.</summary>
    public long WrittenRecords => Interlocked.Read(ref _written);

    /// <summary>The wall clock the store stamps acknowledgements with.</summary>
    internal TimeProvider Time => _time;

    /// <inheritdoc />
    public bool TryAppend(Record record) => TryAppend(record, OutboxLanes.Of(record));

    /// <inheritdoc />
    public bool TryStage(Record record) => TryAppend(record, OutboxLanes.Of(record), wakeWriter: false);

    /// <inheritdoc />
    public IOutboxCursor OpenCursor(string consumer)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _cursorsByName.TryGetValue(consumer, out var cursor) ? cursor : throw OutboxConsumers.Undeclared(consumer, _consumers);
    }

    /// <inheritdoc />
    public bool TryGetLastSeq(string deviceId, out string bootId, out uint seq)
    {
        lock (_appendLock)
        {
            var found = _lastSeqs.TryGetValue(deviceId, out var last);
            bootId = found ? last.BootId : string.Empty;
            seq = last.Seq;
            return found;
        }
    }

    /// <inheritdoc />
    public void Subscribe(ChannelWriter<StoreNotice> observer) => _notices.Subscribe(observer);

    /// <summary>
    /// Waits until every record appended before the call has been handed to the file system and the writer
    /// has run its upkeep (acknowledged segments removed, bounds applied). False when that took longer than
    /// <paramref name="timeout"/> (for instance while the disk is full).
    /// </summary>
    public bool Flush(TimeSpan timeout)
    {
        long target;
        lock (_appendLock)
        {
            target = _appended;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_cycleLock)
        {
            var cycles = _cycles;
            _upkeepRequested = true;
            _wake.Set();
            while (_cycles < cycles + 2 || WrittenSinceOpen() < target)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0 || !_writer.IsAlive)
                {
                    return false;
                }

                Monitor.Wait(_cycleLock, TimeSpan.FromSeconds(Math.Min(1.0, (double)left / Stopwatch.Frequency)));
                _wake.Set();
            }

            return true;
        }
    }

    /// <summary>Writes what is pending, saves the state, syncs, and closes the files.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _wake.Set();
        _writer.Join();
        foreach (var cursor in _cursors)
        {
            cursor.Dispose();
        }

        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }

        _state.Dispose();
        _wake.Dispose();
        Log.StoreClosed(_logger, _directory, Interlocked.Read(ref _written));
    }

    /// <summary>Takes a record into <paramref name="lane"/>, whatever its type says (tests of the lanes).</summary>
    internal bool TryAppend(Record record, OutboxLane lane, bool wakeWriter = true)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!RecordCodec.CanWrite(record))
        {
            throw new ArgumentException($"The store cannot hold records of type {record.GetType().Name}.", nameof(record));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var refusal = _refusal;
        if (refusal is not null && (lane == OutboxLane.Telemetry || refusal.Control))
        {
            Interlocked.Increment(ref _drops[(int)refusal.Reason]);
            return false;
        }

        lock (_appendLock)
        {
            if (_pendingCount >= _options.MaxPendingRecords)
            {
                _drops[(int)DropReason.Overload]++;
                _overloaded = true;
                return false;
            }

            var log = _lanes[(int)lane];
            _pending[(int)lane].Add(new PendingRecord(log.NextPosition, record));
            log.NextPosition++;
            _pendingCount++;
            _appended++;
            if (lane == OutboxLane.Telemetry)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_lastSeqs, record.DeviceId, out _) = new DeviceSeq(record.BootId, record.Seq);
            }

            if (!wakeWriter)
            {
                _staged = true;
                return true;
            }
        }

        RequestCommit();
        return true;
    }

    /// <summary>
    /// Asks the writer to save acknowledgements. It does not wake the writer: the save rides on the next
    /// commit of records, or on a short timer when none comes (<see cref="AckSaveMs"/>), so a steady stream
    /// costs no writer wake-up per PUBACK.
    /// </summary>
    internal void RequestSave() => Interlocked.Exchange(ref _savesRequested, 1);

    internal void CountCorrupt(long records)
    {
        Interlocked.Add(ref _drops[(int)DropReason.Corrupt], records);
        Log.UnreadableWhileReading(_logger, _directory, records);
    }

    private static long MinimumNext(StoreState state, OutboxLane lane)
    {
        var next = state.LaneHeads[(int)lane];
        foreach (var positions in state.Consumers.Values)
        {
            var position = positions[(int)lane];
            next = Math.Max(next, position.Ahead is { Length: > 0 } ahead ? ahead[^1] + 1 : position.Low);
        }

        return next;
    }

    private SegmentCursor AddCursor(string name, Func<OutboxLane, ConsumerPosition> start)
    {
        var cursor = new SegmentCursor(this, name, _lanes, lane => start(lane) is { Ahead: not null } p ? p : new ConsumerPosition(0, []));
        _cursorsByName.Add(name, cursor);
        _cursors = [.. _cursorsByName.Values];
        RequestSave();
        return cursor;
    }

    private long WrittenSinceOpen()
    {
        lock (_appendLock)
        {
            return _appended - _pendingCount;
        }
    }

    private void Notify(StoreNotice notice)
    {
        Log.Notice(_logger, notice);
        _notices.Publish(notice);
    }

    /// <summary>Why and for which lanes the store refuses appends.</summary>
    private sealed record Refusal(DropReason Reason, bool Control, long RefusedBefore);
}
