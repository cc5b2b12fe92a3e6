using Gateway.Configuration;
using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>A producer that stages a burst and commits it: written on its own thread while the writer is idle, by the writer otherwise.</summary>
public class StagedCommitTests
{
    [Fact]
    public void A_committed_burst_is_written_and_rung_on_the_committing_thread()
    {
        using var directory = new TempDirectory();
        // A writer's commit would wait 500 ms for its window: a burst written at once was written by the caller.
        using var store = Open(directory.Path, Options(o => o.CommitIntervalMs = 500));
        var cursor = store.OpenCursor(Consumer);
        var rungOn = new List<int>();
        cursor.SetReadableCallback(() =>
        {
            lock (rungOn)
            {
                rungOn.Add(Environment.CurrentManagedThreadId);
            }
        });

        // The writer wakes on its own about once a second; a commit that meets it busy leaves the burst to it.
        var writtenHere = false;
        for (uint burst = 0; burst < 3 && !writtenHere; burst++)
        {
            Flush(store);
            var before = store.WrittenRecords;
            for (var seq = burst * 10 + 1; seq <= burst * 10 + 10; seq++)
            {
                Assert.True(store.TryStage(Reading(seq)));
            }

            store.Commit();
            writtenHere = store.WrittenRecords == before + 10;
        }

        Assert.True(writtenHere, "no commit wrote its burst on the committing thread");
        lock (rungOn)
        {
            Assert.Contains(Environment.CurrentManagedThreadId, rungOn);
        }
    }

    [Fact]
    public void A_burst_left_uncommitted_is_written_by_the_writer()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path);
        var cursor = store.OpenCursor(Consumer);

        for (uint seq = 1; seq <= 5; seq++)
        {
            Assert.True(store.TryStage(Reading(seq)));
        }

        Eventually(() => store.WrittenRecords == 5, "the writer's upkeep writes the staged records");
        Assert.Equal(Range(1, 5), Seqs(Drain(cursor)));
    }

    [Fact]
    public void With_a_sync_after_every_commit_the_writer_keeps_the_writing()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, Options(o =>
        {
            o.Sync = StoreSyncMode.EveryCommit;
            o.CommitIntervalMs = 300;
        }));
        var cursor = store.OpenCursor(Consumer);

        Assert.True(store.TryStage(Reading(1)));
        store.Commit();

        // The commit woke the writer, which waits out its commit window before it writes and syncs.
        Assert.Equal(0L, store.WrittenRecords);
        Eventually(() => store.WrittenRecords == 1, "the writer writes the committed record");
        Assert.Equal([1u], Seqs(Drain(cursor)));
    }

    [Fact]
    public void A_producer_faster_than_the_writers_syncs_is_held_back_instead_of_refused()
    {
        using var directory = new TempDirectory();
        // Frequent fsyncs hold the commit lock often; a refusal would come after 100 records waiting.
        using var store = Open(directory.Path, Options(o =>
        {
            o.Sync = StoreSyncMode.Interval;
            o.SyncIntervalMs = 2;
            o.MaxPendingRecords = 100;
        }));
        var cursor = store.OpenCursor(Consumer);

        for (uint seq = 1; seq <= 21_000;)
        {
            for (var n = 0; n < 30; n++, seq++)
            {
                Assert.True(store.TryStage(Reading(seq)), $"record {seq} was refused: {store.GetStats().Pending} waiting");
            }

            store.Commit();
        }

        Flush(store);
        Assert.Equal(0L, store.GetStats().DropsFor(DropReasons.Overload));
        Assert.Equal(Range(1, 21_000), Seqs(Drain(cursor)));
    }

    [Fact]
    public void Producers_committing_from_several_threads_keep_each_device_complete_and_in_order()
    {
        const int Devices = 4;
        const uint PerDevice = 3000;
        using var directory = new TempDirectory();
        using var store = Open(directory.Path);
        var cursor = store.OpenCursor(Consumer);
        var read = new Dictionary<string, List<uint>>();
        void ReadWhatIsThere()
        {
            lock (read)
            {
                foreach (var entry in Drain(cursor))
                {
                    if (!read.TryGetValue(entry.Record.DeviceId, out var seqs))
                    {
                        read[entry.Record.DeviceId] = seqs = [];
                    }

                    seqs.Add(entry.Record.Seq);
                }
            }
        }

        cursor.SetReadableCallback(ReadWhatIsThere);
        var producers = Enumerable.Range(0, Devices).Select(d => new Thread(() =>
        {
            var device = $"D{d:X15}";
            var random = new Random(d);
            var seq = 1u;
            while (seq <= PerDevice)
            {
                // Bursts of 1 to 20 readings, as serial reads deliver them.
                for (var n = random.Next(1, 21); n > 0 && seq <= PerDevice; n--, seq++)
                {
                    Assert.True(store.TryStage(Reading(seq, device)));
                }

                store.Commit();
            }
        })).ToList();
        producers.ForEach(p => p.Start());
        producers.ForEach(p => p.Join());

        Flush(store);
        ReadWhatIsThere();
        Assert.Equal(Devices, read.Count);
        foreach (var (device, seqs) in read)
        {
            Assert.True(Range(1, PerDevice).SequenceEqual(seqs), $"{device}: {seqs.Count} records, not 1…{PerDevice} in order");
        }
    }
}
