using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>What a health report reads from <see cref="IOutbox.GetStats"/>.</summary>
public class StatsTests
{
    [Fact]
    public void The_stats_give_backlogs_ages_counters_drops_disk_state_and_last_acknowledgements()
    {
        using var directory = new TempDirectory();
        var time = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        using var store = Open(directory.Path, time: time, consumers: ["a", "b"]);
        var a = store.OpenCursor("a");
        var stamp = time.Now.AddMinutes(-1).ToUnixTimeMilliseconds();
        for (uint seq = 1; seq <= 600; seq++)
        {
            Assert.True(store.TryAppend(Reading(seq, wallMs: stamp + seq)));
        }

        Flush(store);
        var stats = store.GetStats();
        Assert.Equal((600, 600, 0), (stats.Appended, stats.Written, stats.Pending));
        Assert.Equal([600L, 600L], stats.Consumers.Select(c => c.Backlog));
        Assert.Equal(TimeSpan.FromMilliseconds(60_000 - 1), stats.OldestAge);
        Assert.All(stats.Consumers, c => Assert.Null(c.LastAcknowledgedAt));
        Assert.Equal(DropReasons.Names.Order(), stats.Drops.Keys.Order());
        Assert.All(stats.Drops.Values, count => Assert.Equal(0, count));
        Assert.False(stats.DiskFull);
        Assert.Null(stats.Refusing);
        Assert.True(stats.BytesOnDisk > 0);

        time.Now = time.Now.AddSeconds(5);
        Drain(a).ForEach(e => a.Acknowledge(e.Id));
        var b = store.OpenCursor("b");
        Drain(b).Take(100).ToList().ForEach(e => b.Acknowledge(e.Id));
        Flush(store);
        stats = store.GetStats();
        var (statsA, statsB) = (stats.Consumers[0], stats.Consumers[1]);
        Assert.Equal((0L, 600L, (TimeSpan?)null, time.Now), (statsA.Backlog, statsA.Acknowledged, statsA.OldestUnacknowledgedAge, statsA.LastAcknowledgedAt));
        Assert.Equal((500L, 100L), (statsB.Backlog, statsB.Acknowledged));
        Assert.Equal(TimeSpan.FromMilliseconds(65_000 - 101), stats.OldestAge);
        Assert.Equal(0, stats.Released);

        b.Rewind();
        Drain(b).ForEach(e => b.Acknowledge(e.Id));
        Flush(store);
        stats = store.GetStats();
        Assert.Null(stats.OldestAge);
        Assert.InRange(stats.Released, 300, 599);
    }
}
