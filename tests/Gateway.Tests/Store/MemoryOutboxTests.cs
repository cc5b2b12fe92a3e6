using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

public class MemoryOutboxTests
{
    [Fact]
    public void Out_of_order_acknowledgements_and_a_rewind_send_only_what_is_left()
    {
        var store = new MemoryOutbox(1000, ["a", "b"]);
        var a = store.OpenCursor("a");
        var b = store.OpenCursor("b");
        AppendAll(store, 1, 10);
        var entries = Drain(a);
        foreach (var entry in entries.Where(e => e.Record.Seq is 2 or 5 or 9).Reverse())
        {
            a.Acknowledge(entry.Id);
        }

        a.Rewind();
        Assert.Equal([1u, 3, 4, 6, 7, 8, 10], Seqs(Drain(a)));
        Assert.Equal(7, a.Backlog);
        Assert.Equal(10, b.Backlog);
        Assert.Equal(Range(1, 10), Seqs(Drain(b)));
    }

    [Fact]
    public void Beyond_its_capacity_it_drops_the_oldest_counts_it_and_says_so()
    {
        var store = new MemoryOutbox(5, ["a"]);
        var notices = Notices(store);
        var cursor = store.OpenCursor("a");
        AppendAll(store, 1, 8);

        Assert.Equal(Range(4, 8), Seqs(Drain(cursor)));
        Assert.Equal(3, store.Dropped);
        Assert.Equal(3, store.GetStats().DropsFor(DropReasons.Full));
        var notice = Assert.Single(Taken(notices));
        Assert.Equal(StoreNoticeKind.Dropped, notice.Kind);
        Assert.Equal(5, cursor.Backlog);
    }

    [Fact]
    public void It_knows_each_devices_last_seq_and_the_age_of_the_oldest_unacknowledged_record()
    {
        var time = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));
        var store = new MemoryOutbox(100, ["a"], time);
        var cursor = store.OpenCursor("a");
        Assert.True(store.TryAppend(Reading(41, boot: "0000000B", wallMs: 1_750_000_000_000)));
        Assert.True(store.TryAppend(Reading(42, boot: "0000000B", wallMs: 1_750_000_001_000)));
        time.Now = time.Now.AddSeconds(10);

        Assert.True(store.TryGetLastSeq(Device, out var boot, out var seq));
        Assert.Equal(("0000000B", 42u), (boot, seq));
        Assert.Equal(TimeSpan.FromSeconds(10), store.GetStats().Consumers[0].OldestUnacknowledgedAge);
        cursor.TryRead(out var first);
        cursor.Acknowledge(first.Id);
        Assert.Equal(TimeSpan.FromSeconds(9), store.GetStats().Consumers[0].OldestUnacknowledgedAge);
    }
}
