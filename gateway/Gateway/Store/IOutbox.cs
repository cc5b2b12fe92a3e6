using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>
/// Keeps every record a board produced until each uplink has had it acknowledged (the reading path's
/// store-and-forward). Producers append; each uplink reads through its own cursor.
/// </summary>
public interface IOutbox
{
    /// <summary>Takes a record. False when the store's bounds and policy refuse it (counted by the store).</summary>
    bool TryAppend(Record record);

    /// <summary>The cursor of an uplink; the same name always gets the same (persisted) position.</summary>
    IOutboxCursor OpenCursor(string consumer);
}

/// <summary>One uplink's position in the outbox.</summary>
public interface IOutboxCursor
{
    /// <summary>Completes when <see cref="TryRead"/> may return a record.</summary>
    ValueTask WaitToReadAsync(CancellationToken cancellationToken);

    /// <summary>The next record not yet read through this cursor, oldest first.</summary>
    bool TryRead(out OutboxEntry entry);

    /// <summary>The uplink's broker acknowledged the entry with this id; the store may forget it.</summary>
    void Acknowledge(long id);

    /// <summary>Reads again from the oldest unacknowledged entry (after a reconnect).</summary>
    void Rewind();

    /// <summary>Entries appended but not yet acknowledged through this cursor.</summary>
    long Backlog { get; }
}

/// <summary>A record and its id in the outbox.</summary>
/// <param name="Id">Position in the outbox, increasing.</param>
/// <param name="Record">The record.</param>
public readonly record struct OutboxEntry(long Id, Record Record);
