using Gateway.Configuration;
using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

public class BoundsTests
{
    private const long MaxBytes = 64 * 1024;

    [Fact]
    public void Beyond_MaxBytes_DropOldest_drops_whole_segments_counts_the_records_and_says_so()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, Options(o => o.MaxBytes = MaxBytes));
        var notices = Notices(store);
        var cursor = store.OpenCursor("a");
        for (uint seq = 1; seq <= 2000; seq += 100)
        {
            AppendAll(store, seq, seq + 99);
            Flush(store);
        }

        var stats = store.GetStats();
        var read = Seqs(Drain(cursor));
        var dropped = stats.DropsFor(DropReasons.Full);
        Assert.True(dropped > 0);
        Assert.InRange(stats.BytesOnDisk, 1, MaxBytes);
        Assert.Equal(2000, read.Count + dropped);
        Assert.Equal(Range(read[0], 2000), read);
        var drops = Taken(notices).Where(n => n.Kind == StoreNoticeKind.Dropped).ToList();
        Assert.NotEmpty(drops);
        Assert.All(drops, n => Assert.Equal(DropReasons.Full, n.Reason));
        Assert.Equal(dropped, drops.Sum(n => n.Records));
        Assert.Null(stats.Refusing);
    }

    [Fact]
    public void Beyond_MaxBytes_RejectNew_refuses_new_records_keeps_the_old_and_accepts_again_when_acknowledged()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, Options(o =>
        {
            o.MaxBytes = MaxBytes;
            o.FullPolicy = StoreFullPolicy.RejectNew;
        }));
        var notices = Notices(store);
        var cursor = store.OpenCursor("a");
        var accepted = new List<uint>();
        var refused = 0;
        for (uint seq = 1; seq <= 3000; seq++)
        {
            if (store.TryAppend(Reading(seq)))
            {
                accepted.Add(seq);
            }
            else
            {
                refused++;
            }

            if (seq % 50 == 0)
            {
                Flush(store);
            }
        }

        var stats = store.GetStats();
        Assert.True(refused > 0);
        Assert.Equal(DropReasons.Full, stats.Refusing);
        Assert.Equal(refused, stats.DropsFor(DropReasons.Full));
        Assert.Contains(Taken(notices), n => n.Kind == StoreNoticeKind.Refusing && n.Reason == DropReasons.Full);
        var entries = Drain(cursor);
        Assert.Equal(accepted, Seqs(entries));

        entries.ForEach(e => cursor.Acknowledge(e.Id));
        Flush(store);
        Assert.Null(store.GetStats().Refusing);
        var accepting = Assert.Single(Taken(notices), n => n.Kind == StoreNoticeKind.Accepting);
        Assert.Equal(refused, accepting.Records);
        Assert.True(store.TryAppend(Reading(5000)));
    }

    [Theory]
    [InlineData(StoreFullPolicy.DropOldest)]
    [InlineData(StoreFullPolicy.RejectNew)]
    public void Records_older_than_MaxAgeHours_by_a_trusted_clock_are_dropped_from_the_oldest_whatever_the_policy(StoreFullPolicy policy)
    {
        using var directory = new TempDirectory();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var old = time.Now.AddHours(-50).ToUnixTimeMilliseconds();
        using var store = Open(directory.Path, Options(o =>
        {
            o.MaxAgeHours = 24;
            o.FullPolicy = policy;
        }), time);
        var notices = Notices(store);
        var cursor = store.OpenCursor("a");
        for (uint seq = 1; seq <= 600; seq++)
        {
            // 1–300 old by a synchronised clock; 301–600 as old but stamped while the clock was not synchronised.
            Assert.True(store.TryAppend(Reading(seq, wallMs: old, trusted: seq <= 300)));
        }

        AppendAll(store, 601, 650);
        Flush(store);
        var read = Seqs(Drain(cursor));
        var dropped = store.GetStats().DropsFor(DropReasons.Age);

        // How many depends on where segments ended, which the writer's cycles during the appends decide: some, and
        // never one stamped while the clock was not synchronised.
        Assert.InRange(dropped, 1, 300);
        Assert.Equal(Range((uint)dropped + 1, 650), read);
        var drops = Taken(notices).Where(n => n.Kind == StoreNoticeKind.Dropped).ToList();
        Assert.All(drops, n => Assert.Equal(DropReasons.Age, n.Reason));
        Assert.Equal(dropped, drops.Sum(n => n.Records));
    }

    [Fact]
    public void The_age_bound_also_closes_a_segment_no_longer_written_to()
    {
        using var directory = new TempDirectory();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var store = Open(directory.Path, Options(o => o.MaxAgeHours = 1), time);
        var cursor = store.OpenCursor("a");
        AppendAll(store, 1, 10);
        Flush(store);

        time.Now = time.Now.AddHours(2);
        Flush(store);

        Assert.Empty(Drain(cursor));
        Assert.Equal(10, store.GetStats().DropsFor(DropReasons.Age));
        Assert.Equal(0, cursor.Backlog);
    }
}
