namespace Gateway.Configuration;

/// <summary>The <c>Store</c> section: where and how the outbox keeps records until every uplink has them (ADR 0003).</summary>
public sealed class StoreOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Store";

    /// <summary><c>Segment</c>: the durable segment log. <c>Memory</c>: nothing survives a restart (tests, diskless gateways).</summary>
    public StoreEngine Engine { get; set; } = StoreEngine.Segment;

    /// <summary>The store's directory. Empty: <c>&lt;Gateway:DataDirectory&gt;/store</c>.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>Bytes the store may take on disk (segments and state); what happens beyond is <see cref="FullPolicy"/>.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Records older than this many hours (by their trusted stamp) are dropped, whatever the policy; 0: no age bound.</summary>
    public int MaxAgeHours { get; set; } = 168;

    /// <summary>Beyond <see cref="MaxBytes"/>, or when the disk is full: drop the oldest segment, or refuse new records.</summary>
    public StoreFullPolicy FullPolicy { get; set; } = StoreFullPolicy.DropOldest;

    /// <summary>When written data is forced to the medium with fsync.</summary>
    public StoreSyncMode Sync { get; set; } = StoreSyncMode.Interval;

    /// <summary>With <c>Sync: Interval</c>, the longest time written data waits for its fsync, in milliseconds.</summary>
    public int SyncIntervalMs { get; set; } = 1000;

    /// <summary>How long the writer gathers appends and acknowledgements into one write, in milliseconds.</summary>
    public int CommitIntervalMs { get; set; } = 1;

    /// <summary>Size of a segment file, the unit in which bounds drop records.</summary>
    public int SegmentBytes { get; set; } = 1024 * 1024;

    /// <summary>Reserve a segment's blocks when it is created, so a full disk shows there and not in the middle of a segment.</summary>
    public bool Preallocate { get; set; } = true;

    /// <summary>Records taken but not yet written beyond which appends are refused (the disk does not keep up).</summary>
    public int MaxPendingRecords { get; set; } = 50_000;

    /// <summary>With <c>Engine: Memory</c>, records held (the oldest is dropped beyond).</summary>
    public int MemoryCapacity { get; set; } = 100_000;

    /// <summary>The store's directory given the gateway's data directory.</summary>
    public string ResolveDirectory(string dataDirectory) => Directory.Length > 0 ? Directory : Path.Combine(dataDirectory, "store");
}

/// <summary>Which outbox the gateway runs.</summary>
public enum StoreEngine
{
    /// <summary>The durable segment log.</summary>
    Segment,

    /// <summary>In memory only.</summary>
    Memory,
}

/// <summary>What the store does when it reaches <see cref="StoreOptions.MaxBytes"/> or the disk is full.</summary>
public enum StoreFullPolicy
{
    /// <summary>Drop the oldest segment (counted), keep taking new records.</summary>
    DropOldest,

    /// <summary>Keep what is held, refuse new records (counted) until there is room.</summary>
    RejectNew,
}

/// <summary>When the store calls fsync.</summary>
public enum StoreSyncMode
{
    /// <summary>After every group commit: a power cut loses at most the commit being written.</summary>
    EveryCommit,

    /// <summary>At most every <see cref="StoreOptions.SyncIntervalMs"/>: a power cut loses at most that much.</summary>
    Interval,

    /// <summary>Never (the kernel writes back within about 30 s): for tmpfs or tests.</summary>
    None,
}
