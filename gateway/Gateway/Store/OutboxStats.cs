namespace Gateway.Store;

/// <summary>A snapshot of the outbox, for health reports and the CLI. Counters start at 0 when the store opens.</summary>
/// <param name="Consumers">Every declared consumer, with its backlog.</param>
/// <param name="Appended">Records taken since the store opened (records in).</param>
/// <param name="Pending">Records taken but not yet handed to the file system.</param>
/// <param name="BytesOnDisk">Bytes of the store's segment and state files (quarantined files not included).</param>
/// <param name="Drops">Records lost or refused since the store opened, by reason (<see cref="DropReasons"/>).</param>
/// <param name="Refusing">Why the store refuses new records now (a <see cref="DropReasons"/> value), or null while it accepts them.</param>
/// <param name="LastError">The last storage error, or null.</param>
public sealed record OutboxStats(
    IReadOnlyList<ConsumerStats> Consumers,
    long Appended,
    long Pending,
    long BytesOnDisk,
    IReadOnlyDictionary<string, long> Drops,
    string? Refusing,
    string? LastError)
{
    /// <summary>Records handed to the file system since the store opened (the in-memory outbox: records taken).</summary>
    public long Written { get; init; }

    /// <summary>
    /// Records removed because every declared consumer acknowledged them, since the store opened (records out). The
    /// segment log counts them when it deletes their segment, after the next sync.
    /// </summary>
    public long Released { get; init; }

    /// <summary>Whether the last write found the disk full (until a write goes through or room for two segments is free again).</summary>
    public bool DiskFull { get; init; }

    /// <summary>The wall-clock age of the oldest record some consumer has not acknowledged, or null when there is none.</summary>
    public TimeSpan? OldestAge => Consumers.Max(c => c.OldestUnacknowledgedAge);

    /// <summary>Whether the store currently refuses new records.</summary>
    public bool IsRefusing => Refusing is not null;

    /// <summary>The count for one drop reason (0 when none).</summary>
    public long DropsFor(string reason) => Drops.TryGetValue(reason, out var count) ? count : 0;
}

/// <summary>One consumer's view.</summary>
/// <param name="Name">The consumer (uplink) name.</param>
/// <param name="Backlog">Records held and not yet acknowledged by it.</param>
/// <param name="OldestUnacknowledgedAge">Wall-clock age of the oldest of them (from the record's stamp), or null when none.</param>
/// <param name="Acknowledged">Acknowledgements taken since the store opened (records out, for this consumer).</param>
/// <param name="LastAcknowledgedAt">When it last acknowledged a record (gateway wall clock), or null when it has not since the store opened.</param>
public sealed record ConsumerStats(string Name, long Backlog, TimeSpan? OldestUnacknowledgedAge, long Acknowledged, DateTimeOffset? LastAcknowledgedAt);

/// <summary>Why records were dropped or refused: the keys of <see cref="OutboxStats.Drops"/>.</summary>
public static class DropReasons
{
    /// <summary>The byte bound (<c>Store:MaxBytes</c>) with its policy.</summary>
    public const string Full = "full";

    /// <summary>Older than <c>Store:MaxAgeHours</c>.</summary>
    public const string Age = "age";

    /// <summary>The file system had no space left.</summary>
    public const string DiskFull = "disk_full";

    /// <summary>Unreadable on disk (found at start, or while reading).</summary>
    public const string Corrupt = "corrupt";

    /// <summary>More records waiting to be written than <c>Store:MaxPendingRecords</c> (the disk does not keep up).</summary>
    public const string Overload = "overload";

    /// <summary>Every reason, in the order of <see cref="DropReason"/>.</summary>
    internal static readonly string[] Names = [Full, Age, DiskFull, Corrupt, Overload];
}

/// <summary>Index of a reason in <see cref="DropReasons.Names"/>.</summary>
internal enum DropReason
{
    Full,
    Age,
    DiskFull,
    Corrupt,
    Overload,
}
