using Gateway.Configuration;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

[Collection(MemoryMeasured.Name)]
public class BacklogReplayTests
{
    private const uint Backlog = 1_000_000;
    private const uint Live = 10_000;

    [Fact]
    public async Task A_million_record_backlog_replays_in_order_in_bounded_memory_while_appends_go_on()
    {
        using var directory = new TempDirectory();
        var options = Options(o =>
        {
            o.SegmentBytes = 1024 * 1024;
            o.MaxPendingRecords = 50_000;
        });
        using (var store = Open(directory.Path, options, consumers: ["uplink"]))
        {
            store.OpenCursor("uplink");
            for (uint seq = 1; seq <= Backlog; seq++)
            {
                while (!store.TryAppend(Reading(seq)))
                {
                    // Refused while more than MaxPendingRecords wait for the disk: the bound holds, we wait.
                    Thread.Yield();
                }
            }

            Flush(store);
        }

        using (var store = Open(directory.Path, options, consumers: ["uplink"]))
        {
            var cursor = store.OpenCursor("uplink");
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var live = Task.Run(() =>
            {
                for (var seq = Backlog + 1; seq <= Backlog + Live; seq++)
                {
                    while (!store.TryAppend(Reading(seq)))
                    {
                        Thread.Yield();
                    }

                    if (seq % 100 == 0)
                    {
                        Thread.Sleep(1);
                    }
                }
            }, TestContext.Current.CancellationToken);

            var expected = 1u;
            var peak = 0L;
            while (expected <= Backlog + Live)
            {
                if (!cursor.TryRead(out var entry))
                {
                    await cursor.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                    continue;
                }

                Assert.Equal(expected, entry.Record.Seq);
                if (expected % 100_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                expected++;
            }

            await live;
            Assert.False(cursor.TryRead(out _));

            TestContext.Current.TestOutputHelper?.WriteLine($"replayed {Backlog + Live} records; managed memory grew by at most {peak / 1024} KiB");

            // The backlog is over 100 MB on disk; holding it would take several times that in objects.
            Assert.True(peak < 16L * 1024 * 1024, $"memory grew by {peak / 1024} KiB while replaying");
            Assert.True(store.GetStats().Consumers[0].Backlog == Backlog + Live);
        }
    }
}
