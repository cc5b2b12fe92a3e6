using Gateway.Configuration;
using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

public class SegmentOutboxTests
{
    [Fact]
    public void Each_consumer_reads_everything_in_order_and_acknowledges_in_any_order()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, consumers: ["a", "b"]);
        var a = store.OpenCursor("a");
        var b = store.OpenCursor("b");
        AppendAll(store, 1, 300);
        Flush(store);

        var readByA = Drain(a);
        var readByB = Drain(b);
        Assert.Equal(Range(1, 300), Seqs(readByA));
        Assert.Equal(Range(1, 300), Seqs(readByB));
        foreach (var entry in readByA.OrderBy(_ => Random.Shared.Next()))
        {
            a.Acknowledge(entry.Id);
        }

        foreach (var entry in readByB.Where(e => e.Record.Seq % 2 == 1).Reverse())
        {
            b.Acknowledge(entry.Id);
        }

        Assert.Equal(0, a.Backlog);
        Assert.Equal(150, b.Backlog);
        a.Rewind();
        b.Rewind();
        Assert.Empty(Drain(a));
        Assert.Equal(Range(1, 300).Where(s => s % 2 == 0), Seqs(Drain(b)));
        Assert.Same(a, store.OpenCursor("a"));
    }

    [Fact]
    public void A_restart_keeps_what_is_unacknowledged_and_every_consumer_position()
    {
        using var directory = new TempDirectory();
        List<OutboxEntry> before;
        using (var store = Open(directory.Path, consumers: ["a", "b"]))
        {
            var a = store.OpenCursor("a");
            store.OpenCursor("b");
            AppendAll(store, 1, 300);
            Flush(store);
            before = Drain(a);
            foreach (var entry in before.Where(e => e.Record.Seq <= 100 || e.Record.Seq is 150 or 151 or 200))
            {
                a.Acknowledge(entry.Id);
            }
        }

        using (var store = Open(directory.Path, consumers: ["a", "b"]))
        {
            var a = store.OpenCursor("a");
            var b = store.OpenCursor("b");
            var expected = before.Where(e => e.Record.Seq > 100 && e.Record.Seq is not (150 or 151 or 200)).ToList();
            Assert.Equal(expected.Count, a.Backlog);
            Assert.Equal(300, b.Backlog);
            var readByA = Drain(a);
            Assert.Equal(expected.Select(e => (e.Id, e.Record.Seq)), readByA.Select(e => (e.Id, e.Record.Seq)));
            Assert.Equal(Range(1, 300), Seqs(Drain(b)));
            var stats = store.GetStats();
            Assert.Equal(["a", "b"], stats.Consumers.Select(c => c.Name));
            Assert.Equal(300, stats.Consumers[1].Backlog);
            Assert.NotNull(stats.Consumers[1].OldestUnacknowledgedAge);

            AppendAll(store, 301, 301);
            Flush(store);
            var next = Assert.Single(Drain(a));
            Assert.True(next.Id > before[^1].Id, "positions continue after a restart");
        }
    }

    [Theory]
    [InlineData(StoreSyncMode.None)]
    [InlineData(StoreSyncMode.Interval)]
    [InlineData(StoreSyncMode.EveryCommit)]
    public void The_last_seq_of_a_device_survives_a_restart_after_its_records_were_acknowledged_and_deleted(StoreSyncMode sync)
    {
        using var directory = new TempDirectory();
        var options = Options(o =>
        {
            o.Sync = sync;
            o.SyncIntervalMs = 20;
        });
        using (var store = Open(directory.Path, options, consumers: ["uplink"]))
        {
            var cursor = store.OpenCursor("uplink");
            for (uint seq = 1; seq <= 10; seq++)
            {
                Assert.True(store.TryAppend(Reading(seq, device: "AAAA000000000001", boot: "00000007")));
            }

            AppendAll(store, 1, 500, device: "BBBB000000000002");
            Flush(store);
            Assert.True(SegmentFiles(directory.Path).Length > 2);
            foreach (var entry in Drain(cursor))
            {
                cursor.Acknowledge(entry.Id);
            }

            Flush(store);

            // Deleted after the next sync, which first saves the last seqs of its records in the state file.
            Eventually(() => !SegmentFiles(directory.Path).Any(f => f.EndsWith("00000000000000000001.seg", StringComparison.Ordinal)), "the first segment to be deleted");
            Assert.Equal(0, cursor.Backlog);
        }

        using (var store = Open(directory.Path, options, consumers: ["uplink"]))
        {
            Assert.True(store.TryGetLastSeq("AAAA000000000001", out var boot, out var seq));
            Assert.Equal(("00000007", 10u), (boot, seq));
            Assert.True(store.TryGetLastSeq("BBBB000000000002", out _, out seq));
            Assert.Equal(500u, seq);
            Assert.False(store.TryGetLastSeq("CCCC000000000003", out _, out _));
            Assert.Empty(Drain(store.OpenCursor("uplink")));
        }
    }

    [Fact]
    public void A_consumer_declared_for_the_first_time_starts_at_the_oldest_record_held()
    {
        using var directory = new TempDirectory();
        using (var store = Open(directory.Path, consumers: ["first"]))
        {
            var first = store.OpenCursor("first");
            AppendAll(store, 1, 600);
            Flush(store);
            foreach (var entry in Drain(first).Where(e => e.Record.Seq <= 400))
            {
                first.Acknowledge(entry.Id);
            }

            Flush(store);
        }

        using (var store = Open(directory.Path, consumers: ["first", "late"]))
        {
            var late = Seqs(Drain(store.OpenCursor("late")));

            Assert.InRange(late[0], 2u, 401u);
            Assert.Equal(Range(late[0], 600), late);
            Assert.Equal(Range(401, 600), Seqs(Drain(store.OpenCursor("first"))));
        }
    }

    [Fact]
    public async Task A_waiting_cursor_wakes_when_a_record_is_written()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path);
        var cursor = store.OpenCursor("a");
        var waiting = cursor.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        Assert.True(store.TryAppend(Reading(1)));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(cursor.TryRead(out var entry));
        Assert.Equal(1u, entry.Record.Seq);
        Assert.False(cursor.TryRead(out _));
    }

    [Fact]
    public void Unknown_ids_and_repeated_acknowledgements_change_nothing()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path);
        var cursor = store.OpenCursor("a");
        AppendAll(store, 1, 3);
        Flush(store);
        var entries = Drain(cursor);

        cursor.Acknowledge(entries[0].Id);
        cursor.Acknowledge(entries[0].Id);
        cursor.Acknowledge(entries[2].Id + 4000);
        cursor.Acknowledge(-1);
        cursor.Acknowledge(entries[0].Id | 3);

        Assert.Equal(2, cursor.Backlog);
        Assert.Equal(1, store.GetStats().Consumers[0].Acknowledged);
    }
}
