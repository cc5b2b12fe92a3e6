namespace Gateway.Store;

/// <summary>Something the store did that an operator must hear about; uplinks forward it as an event or alarm.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="At">When (gateway wall clock).</param>
/// <param name="Message">A sentence saying exactly what happened, for people.</param>
/// <param name="Reason">The drop or refusal reason (<see cref="DropReasons"/>), where one applies.</param>
/// <param name="Records">Records concerned (lost, refused, quarantined), where known; else 0.</param>
/// <param name="Bytes">Bytes concerned (truncated, quarantined), where known; else 0.</param>
/// <param name="Path">The file concerned (the quarantined copy, the repaired segment), where one applies.</param>
public sealed record StoreNotice(
    StoreNoticeKind Kind,
    DateTimeOffset At,
    string Message,
    string? Reason = null,
    long Records = 0,
    long Bytes = 0,
    string? Path = null);

/// <summary>The kinds of <see cref="StoreNotice"/>.</summary>
public enum StoreNoticeKind
{
    /// <summary>Records were dropped by a bound (<see cref="DropReasons.Full"/>, <see cref="DropReasons.Age"/>, <see cref="DropReasons.DiskFull"/>).</summary>
    Dropped,

    /// <summary>The store started refusing new records (bounds with <c>RejectNew</c>, disk full, overload).</summary>
    Refusing,

    /// <summary>The store accepts records again; <see cref="StoreNotice.Records"/> were refused meanwhile.</summary>
    Accepting,

    /// <summary>A torn tail (an interrupted write) was cut back to the last whole record at start.</summary>
    Repaired,

    /// <summary>Unreadable data was found at start and moved aside; <see cref="StoreNotice.Records"/> were lost.</summary>
    Quarantined,

    /// <summary>The consumers' positions could not all be read: records already delivered may be delivered again.</summary>
    StateReset,

    /// <summary>A write or sync failed for a reason other than a full disk; the store retries.</summary>
    StorageError,
}
