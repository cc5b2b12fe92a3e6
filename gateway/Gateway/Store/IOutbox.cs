using System.Threading.Channels;
using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>
/// Keeps every record a board produced until each uplink has had it acknowledged (the reading path's
/// store-and-forward, ADR 0003). Producers append from any thread; each uplink reads through its own cursor.
/// <para>
/// Records live in two lanes (<see cref="OutboxLanes.Of"/>): control records are never queued behind
/// telemetry — a cursor returns every readable control record before the next telemetry record. Order is
/// preserved within a lane, hence per device for telemetry. A record leaves the store when every consumer
/// declared when the store was created (<see cref="OutboxConsumers"/>) has acknowledged it, or when a configured
/// bound drops it (counted in <see cref="OutboxStats.Drops"/> and told through <see cref="Subscribe"/>).
/// </para>
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Takes a record into its lane. Returns at once (the store writes in the background); false when the
    /// store refuses it — bounds with <c>RejectNew</c>, disk full, or too many records not yet written —
    /// which the store counts by reason. Once true, the record is only lost through a documented drop or
    /// within the loss window of the configured sync policy (ADR 0003).
    /// </summary>
    /// <exception cref="ArgumentException">The record's type cannot be stored.</exception>
    bool TryAppend(Record record);

    /// <summary>
    /// Takes a record like <see cref="TryAppend"/>, but leaves the writing to the <see cref="Commit"/> that the
    /// caller makes when its burst ends (every record of one read from a serial port): the store can then write
    /// the burst on the caller's thread instead of waking a writer of its own for it. A burst left uncommitted
    /// is written by the store's periodic upkeep (within about a second).
    /// </summary>
    /// <exception cref="ArgumentException">The record's type cannot be stored.</exception>
    bool TryStage(Record record);

    /// <summary>
    /// Writes what was staged: on the caller's thread when the store's writer is idle and the sync policy
    /// allows it (a <c>write()</c> to the file system; fsync stays with the writer), otherwise by waking the
    /// writer. Never waits for the writer.
    /// </summary>
    void Commit();

    /// <summary>
    /// The cursor of a declared uplink. The same name always gets the same cursor and, across restarts, the same
    /// persisted position; a consumer declared for the first time starts at the oldest record still held.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="consumer"/> was not declared when the store was created.</exception>
    IOutboxCursor OpenCursor(string consumer);

    /// <summary>
    /// The boot id and data sequence number of the last telemetry record (reading or board event) appended
    /// for <paramref name="deviceId"/>. Survives a restart even when every record was acknowledged and
    /// deleted, so a serial link can ask the board to resend what it sent but the gateway did not store.
    /// After a crash it names the last record that reached the disk. False when the store never held one.
    /// </summary>
    bool TryGetLastSeq(string deviceId, out string bootId, out uint seq);

    /// <summary>A snapshot of the store's counters, backlogs and state.</summary>
    OutboxStats GetStats();

    /// <summary>
    /// Delivers what an operator must hear about (records dropped by a bound, disk full and recovered,
    /// corruption found and what was repaired or quarantined) to <paramref name="observer"/> with
    /// <c>TryWrite</c>: the notices already given since the store opened (at most the last 32, so the
    /// findings of the start are not missed) and every later one.
    /// </summary>
    void Subscribe(ChannelWriter<StoreNotice> observer);
}

/// <summary>One uplink's position in the outbox. Reading is for one task at a time; acknowledging is thread-safe.</summary>
public interface IOutboxCursor
{
    /// <summary>Completes when <see cref="TryRead"/> may return a record.</summary>
    ValueTask WaitToReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The next record not yet read through this cursor: control records first, then telemetry, each lane
    /// oldest first. Records already acknowledged are skipped.
    /// </summary>
    bool TryRead(out OutboxEntry entry);

    /// <summary>
    /// The uplink's broker acknowledged the entry with this id; acknowledgements may come in any order. The
    /// store records them durably within a commit or two; unknown or repeated ids are ignored.
    /// </summary>
    void Acknowledge(long id);

    /// <summary>Reads again from the oldest unacknowledged entry of each lane (after a reconnect).</summary>
    void Rewind();

    /// <summary>
    /// Also calls <paramref name="callback"/> whenever records may have become readable, on the thread that made
    /// them readable (the store's writer; the appender for the in-memory outbox), so that an uplink can send at
    /// once instead of waking a task per record. The callback must be quick, must not block and must not throw.
    /// Null removes it.
    /// </summary>
    void SetReadableCallback(Action? callback);

    /// <summary>Entries appended but not yet acknowledged through this cursor.</summary>
    long Backlog { get; }
}

/// <summary>A record and its id in the outbox.</summary>
/// <param name="Id">Identifies the record for <see cref="IOutboxCursor.Acknowledge"/>; increasing within a lane.</param>
/// <param name="Record">The record.</param>
public readonly record struct OutboxEntry(long Id, Record Record)
{
    /// <summary>The lane the record is in.</summary>
    public OutboxLane Lane => OutboxIds.LaneOf(Id);
}
