using System.Diagnostics;
using Gateway.Configuration;
using Gateway.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace StoreBench;

/// <summary>The cost of <see cref="IOutbox.TryAppend"/> itself on the producer's thread: time and bytes allocated per call.</summary>
internal static class AppendPath
{
    public static (double Nanoseconds, double AllocatedBytes) Measure(string directory, int count)
    {
        var readings = Workload.Readings(count);
        var options = new StoreOptions { Sync = StoreSyncMode.None, MaxPendingRecords = 1_000_000, MaxBytes = 1L << 34 };
        using var store = new SegmentOutbox(directory, options, [OutboxConsumers.Mqtt], TimeProvider.System, NullLogger<SegmentOutbox>.Instance);
        for (var i = 0; i < 10_000; i++)
        {
            store.TryAppend(readings[i]);
        }

        store.Flush(TimeSpan.FromMinutes(1));
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 10_000; i < count; i++)
        {
            if (!store.TryAppend(readings[i]))
            {
                throw new InvalidOperationException("refused during the measurement");
            }
        }

        clock.Stop();
        var calls = count - 10_000;
        return (clock.Elapsed.TotalNanoseconds / calls, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls);
    }
}
