namespace Gateway.Store;

/// <summary>What the start of the store found and did, as notices and a count of records lost to corruption.</summary>
internal sealed class RecoveryReport(TimeProvider time)
{
    public List<StoreNotice> Notices { get; } = [];

    /// <summary>Records lost to corruption (by their positions).</summary>
    public long CorruptRecords { get; private set; }

    public void Repaired(string path, long bytes, long records, string message) =>
        Notices.Add(new StoreNotice(StoreNoticeKind.Repaired, time.GetUtcNow(), message, null, records, bytes, path));

    public void Quarantined(string path, long bytes, long records, string message)
    {
        CorruptRecords += records;
        Notices.Add(new StoreNotice(StoreNoticeKind.Quarantined, time.GetUtcNow(), message, DropReasons.Corrupt, records, bytes, path));
    }

    public void StateReset(string path, long bytes, string message) =>
        Notices.Add(new StoreNotice(StoreNoticeKind.StateReset, time.GetUtcNow(), message, null, 0, bytes, path));

    public void Error(string message) =>
        Notices.Add(new StoreNotice(StoreNoticeKind.StorageError, time.GetUtcNow(), message));
}
