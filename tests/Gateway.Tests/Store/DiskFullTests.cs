using Gateway.Configuration;
using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>A real full file system: a 4 MiB tmpfs, mostly taken by a filler file the test then deletes.</summary>
public class DiskFullTests
{
    private const long LeftFree = 600 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_RejectNew_a_full_disk_refuses_new_records_keeps_every_accepted_one_and_recovers(bool preallocate)
    {
        using var mount = TmpfsMount.TryMount("4m", out var reason) ?? SkipBecause(reason);
        var filler = Fill(mount);
        var directory = Path.Combine(mount.Path, "store");
        var accepted = new List<uint>();
        var refused = 0;
        using (var store = Open(directory, DiskOptions(StoreFullPolicy.RejectNew, preallocate)))
        {
            var notices = Notices(store);
            var cursor = store.OpenCursor("a");
            for (uint seq = 1; refused < 100 && seq < 200_000; seq++)
            {
                if (store.TryAppend(Reading(seq)))
                {
                    accepted.Add(seq);
                }
                else
                {
                    refused++;
                    Thread.Sleep(1);
                }

                if (seq % 100 == 0)
                {
                    // At the pace of a serial link, not faster than the writer (false while the disk is full).
                    store.Flush(TimeSpan.FromMilliseconds(100));
                }
            }

            var stats = store.GetStats();
            Assert.Equal(100, refused);
            Assert.Equal(DropReasons.DiskFull, stats.Refusing);
            Assert.True(stats.DiskFull);
            Assert.Equal(refused, stats.DropsFor(DropReasons.DiskFull));
            Assert.NotNull(stats.LastError);
            Assert.Contains(Taken(notices), n => n.Kind == StoreNoticeKind.Refusing && n.Reason == DropReasons.DiskFull);

            File.Delete(filler);
            Eventually(() => store.GetStats().Refusing is null, "the store to accept records again", state: () => $"(pending {store.GetStats().Pending}, last error {store.GetStats().LastError}, {mount.FreeBytes} bytes free)");
            // The store accepts again, then says so: the notice may follow the state by a moment.
            var taken = new List<StoreNotice>();
            Eventually(() =>
            {
                taken.AddRange(Taken(notices));
                return taken.Exists(n => n.Kind == StoreNoticeKind.Accepting);
            }, "the notice that the store accepts records again");
            var accepting = Assert.Single(taken, n => n.Kind == StoreNoticeKind.Accepting);
            Assert.Equal(refused, accepting.Records);
            var last = accepted[^1];
            for (var seq = last + 1000; seq < last + 1100; seq++)
            {
                Assert.True(store.TryAppend(Reading(seq)));
                accepted.Add(seq);
            }

            Flush(store);
            Assert.Equal(accepted, Seqs(Drain(cursor)));
            Assert.Null(store.GetStats().LastError);
            Assert.False(store.GetStats().DiskFull);
        }

        using (var store = Open(directory, DiskOptions(StoreFullPolicy.RejectNew, preallocate)))
        {
            Assert.Empty(Taken(Notices(store)));
            Assert.Equal(accepted, Seqs(Drain(store.OpenCursor("a"))));
        }
    }

    [Fact]
    public void With_DropOldest_a_full_disk_drops_the_oldest_segments_counts_them_and_keeps_taking_records()
    {
        using var mount = TmpfsMount.TryMount("4m", out var reason) ?? SkipBecause(reason);
        var filler = Fill(mount);
        var directory = Path.Combine(mount.Path, "store");
        using var store = Open(directory, DiskOptions(StoreFullPolicy.DropOldest, preallocate: true));
        var notices = Notices(store);
        var cursor = store.OpenCursor("a");
        var accepted = 0;
        var refused = 0;
        for (uint seq = 1; seq <= 20_000; seq++)
        {
            if (store.TryAppend(Reading(seq)))
            {
                accepted++;
            }
            else
            {
                refused++;
            }

            if (seq % 500 == 0)
            {
                Flush(store);
            }
        }

        Flush(store);
        var stats = store.GetStats();
        var read = Seqs(Drain(cursor));
        var dropped = stats.DropsFor(DropReasons.DiskFull) - refused;
        Assert.True(dropped > 0, "segments were dropped to make room");
        Assert.Equal(accepted, read.Count + dropped);
        Assert.Equal(20_000u, read[^1]);
        Assert.Equal(Range(read[0], 20_000), read);
        Assert.Contains(Taken(notices), n => n.Kind == StoreNoticeKind.Dropped && n.Reason == DropReasons.DiskFull);
        Assert.InRange(stats.BytesOnDisk, 1, 4 * 1024 * 1024);

        File.Delete(filler);
        Assert.True(store.TryAppend(Reading(20_001)));
        Flush(store);
        Assert.Equal([20_001u], Seqs(Drain(cursor)));
        Assert.Null(store.GetStats().Refusing);
        Assert.False(store.GetStats().DiskFull);
    }

    private static StoreOptions DiskOptions(StoreFullPolicy policy, bool preallocate) => Options(o =>
    {
        o.SegmentBytes = 64 * 1024;
        o.FullPolicy = policy;
        o.Preallocate = preallocate;
        o.Sync = StoreSyncMode.Interval;
        o.SyncIntervalMs = 50;
    });

    /// <summary>Takes all but <see cref="LeftFree"/> bytes of the file system.</summary>
    private static string Fill(TmpfsMount mount)
    {
        var filler = Path.Combine(mount.Path, "filler");
        using (var file = File.OpenHandle(filler, FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.Write(file, new byte[mount.FreeBytes - LeftFree], 0);
        }

        Assert.InRange(mount.FreeBytes, LeftFree - 8192, LeftFree + 8192);
        return filler;
    }

    private static TmpfsMount SkipBecause(string reason)
    {
        Assert.Skip(reason);
        return null!;
    }
}
