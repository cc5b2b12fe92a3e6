using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Checks the <c>Store</c> section.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    private const int MinSegment = 64 * 1024;
    private const int MaxSegment = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var check = new ConfigCheck();
        if (!Enum.IsDefined(options.Engine))
        {
            check.Fail("Store:Engine", options.Engine, "Segment or Memory");
        }

        if (options.Engine == StoreEngine.Memory)
        {
            check.Range("Store:MemoryCapacity", options.MemoryCapacity, 1000, 10_000_000, " records");
            return check.Result();
        }

        if (options.Directory.Length > 0 && !Path.IsPathRooted(options.Directory))
        {
            check.Fail("Store:Directory", options.Directory, "an absolute directory path such as /var/lib/gateway/store, or empty for <Gateway:DataDirectory>/store");
        }

        check.Range("Store:SegmentBytes", options.SegmentBytes, MinSegment, MaxSegment, " bytes");
        var minBytes = 4L * Math.Max(options.SegmentBytes, MinSegment);
        if (options.MaxBytes < minBytes || options.MaxBytes > 1L << 40)
        {
            check.Fail("Store:MaxBytes", options.MaxBytes, string.Create(CultureInfo.InvariantCulture, $"a byte count from {minBytes} (four segments of Store:SegmentBytes) to {1L << 40}"));
        }

        check.Range("Store:MaxAgeHours", options.MaxAgeHours, 0, 87_600, " h (0: no age bound)");
        if (!Enum.IsDefined(options.FullPolicy))
        {
            check.Fail("Store:FullPolicy", options.FullPolicy, "DropOldest or RejectNew");
        }

        if (!Enum.IsDefined(options.Sync))
        {
            check.Fail("Store:Sync", options.Sync, "EveryCommit, Interval or None");
        }

        if (options.Sync == StoreSyncMode.Interval)
        {
            check.Range("Store:SyncIntervalMs", options.SyncIntervalMs, 10, 60_000, " ms");
        }

        check.Range("Store:CommitIntervalMs", options.CommitIntervalMs, 0, 1000, " ms");
        check.Range("Store:MaxPendingRecords", options.MaxPendingRecords, 1000, 1_000_000, " records");
        return check.Result();
    }
}
