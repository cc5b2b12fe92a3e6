using System.Buffers.Binary;
using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

public class RecoveryTests
{
    [Fact]
    public void A_torn_tail_is_cut_back_to_the_last_whole_record()
    {
        using var directory = new TempDirectory();
        Fill(directory.Path, 50);
        var segment = Assert.Single(SegmentFiles(directory.Path));
        var frames = Frames(segment);
        using (var file = File.OpenHandle(segment, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.SetLength(file, frames[^1].Offset + 11);
        }

        using var store = Open(directory.Path);
        var notice = Assert.Single(Taken(Notices(store)));
        Assert.Equal(StoreNoticeKind.Repaired, notice.Kind);
        Assert.Equal(11, notice.Bytes);
        Assert.Equal(frames[^1].Offset, new FileInfo(segment).Length);
        Assert.True(store.TryGetLastSeq(Device, out _, out var last));
        Assert.Equal(49u, last);

        AppendAll(store, 50, 51);
        Flush(store);
        Assert.Equal(Range(1, 51), Seqs(Drain(store.OpenCursor("a"))));
    }

    [Fact]
    public void Zeros_after_the_last_record_are_a_torn_tail_too()
    {
        using var directory = new TempDirectory();
        Fill(directory.Path, 50);
        var segment = Assert.Single(SegmentFiles(directory.Path));
        File.AppendAllBytes(segment, new byte[4096]);

        using var store = Open(directory.Path);
        Assert.Equal(StoreNoticeKind.Repaired, Assert.Single(Taken(Notices(store))).Kind);
        Assert.Equal(Range(1, 50), Seqs(Drain(store.OpenCursor("a"))));
    }

    [Fact]
    public void A_corrupt_record_in_the_middle_is_cut_out_counted_kept_aside_and_does_not_hold_acknowledgements_back()
    {
        using var directory = new TempDirectory();
        Fill(directory.Path, 50);
        var segment = Assert.Single(SegmentFiles(directory.Path));
        var victim = Frames(segment)[24];
        var bytes = File.ReadAllBytes(segment);
        bytes[victim.Offset + victim.Length - 3] ^= 0x40;
        File.WriteAllBytes(segment, bytes);

        using (var store = Open(directory.Path))
        {
            var notice = Assert.Single(Taken(Notices(store)));
            Assert.Equal(StoreNoticeKind.Quarantined, notice.Kind);
            Assert.Equal(1, notice.Records);
            Assert.Equal(victim.Length, notice.Bytes);
            Assert.True(File.Exists(notice.Path));
            Assert.Equal(1, store.GetStats().DropsFor(DropReasons.Corrupt));
            var cursor = store.OpenCursor("a");
            var entries = Drain(cursor);
            Assert.Equal(Range(1, 50).Where(s => s != 25), Seqs(entries));
            entries.ForEach(e => cursor.Acknowledge(e.Id));
            Assert.Equal(0, cursor.Backlog);
        }

        using (var store = Open(directory.Path))
        {
            Assert.Empty(Taken(Notices(store)));
            Assert.Empty(Drain(store.OpenCursor("a")));
        }
    }

    [Fact]
    public void A_garbage_segment_file_is_moved_aside_and_the_store_starts()
    {
        using var directory = new TempDirectory();
        Fill(directory.Path, 50);
        var garbage = Path.Combine(directory.Path, "telemetry", "00000000000000000500.seg");
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        File.WriteAllBytes(garbage, noise);

        using var store = Open(directory.Path);
        var notice = Assert.Single(Taken(Notices(store)));
        Assert.Equal(StoreNoticeKind.Quarantined, notice.Kind);
        Assert.Equal(garbage + ".corrupt", notice.Path);
        Assert.False(File.Exists(garbage));
        AppendAll(store, 51, 51);
        Flush(store);
        Assert.Equal(Range(1, 51), Seqs(Drain(store.OpenCursor("a"))));
    }

    [Fact]
    public void An_unreadable_segment_between_good_ones_loses_only_its_records_and_counts_them()
    {
        using var directory = new TempDirectory();
        Fill(directory.Path, 500);
        var segments = SegmentFiles(directory.Path);
        Assert.True(segments.Length >= 3);
        var lost = Frames(segments[1]).Count;
        File.WriteAllBytes(segments[1], new byte[100]);

        using var store = Open(directory.Path);
        var notice = Assert.Single(Taken(Notices(store)));
        Assert.Equal(StoreNoticeKind.Quarantined, notice.Kind);
        Assert.Equal(lost, notice.Records);
        Assert.Equal(lost, store.GetStats().DropsFor(DropReasons.Corrupt));
        Assert.Contains($"segment {Path.GetFileName(segments[1])} of lane", notice.Message, StringComparison.Ordinal);
        Assert.Contains($"moved aside as {segments[1]}.corrupt;", notice.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(segments[1] + ".corrupt"), "the unreadable segment is kept aside");
        var cursor = store.OpenCursor("a");
        var entries = Drain(cursor);
        Assert.Equal(500 - lost, entries.Count);
        Assert.Equal(500u, entries[^1].Record.Seq);
        entries.ForEach(e => cursor.Acknowledge(e.Id));
        Assert.Equal(0, cursor.Backlog);
    }

    [Fact]
    public void An_unreadable_state_file_makes_consumers_start_over_rather_than_lose_records()
    {
        using var directory = new TempDirectory();
        Fill(directory.Path, 100, acknowledgeThrough: 60);
        File.WriteAllBytes(Path.Combine(directory.Path, "state.log"), new byte[300]);

        using var store = Open(directory.Path);
        var notice = Assert.Single(Taken(Notices(store)));
        Assert.Equal(StoreNoticeKind.StateReset, notice.Kind);
        Assert.Equal(Range(1, 100), Seqs(Drain(store.OpenCursor("a"))));
        Assert.True(store.TryGetLastSeq(Device, out _, out var last));
        Assert.Equal(100u, last);
    }

    [Fact]
    public void A_corrupt_entry_in_the_state_file_keeps_the_positions_read_before_it()
    {
        using var directory = new TempDirectory();
        using (var store = Open(directory.Path))
        {
            var cursor = store.OpenCursor("a");
            AppendAll(store, 1, 100);
            Flush(store);
            foreach (var entry in Drain(cursor))
            {
                cursor.Acknowledge(entry.Id);
                if (entry.Record.Seq % 20 == 0)
                {
                    Flush(store);
                }
            }
        }

        var state = Path.Combine(directory.Path, "state.log");
        var bytes = File.ReadAllBytes(state);
        var entries = Frames(state);
        var middle = entries[entries.Count / 2];
        bytes[middle.Offset + middle.Length - 1] ^= 0x01;
        File.WriteAllBytes(state, bytes);

        using (var store = Open(directory.Path))
        {
            Assert.Equal(StoreNoticeKind.StateReset, Assert.Single(Taken(Notices(store))).Kind);
            var again = Seqs(Drain(store.OpenCursor("a")));
            Assert.NotEmpty(again);
            Assert.Equal(Range(again[0], 100), again);
        }
    }

    /// <summary>A store holding <paramref name="count"/> readings, consumer "a" having acknowledged some.</summary>
    private static void Fill(string directory, uint count, uint acknowledgeThrough = 0)
    {
        using var store = Open(directory);
        var cursor = store.OpenCursor("a");
        AppendAll(store, 1, count);
        Flush(store);
        foreach (var entry in Drain(cursor).Where(e => e.Record.Seq <= acknowledgeThrough))
        {
            cursor.Acknowledge(entry.Id);
        }
    }

    /// <summary>Where each frame of a store file starts and how long it is (header and body).</summary>
    private static List<(int Offset, int Length)> Frames(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var frames = new List<(int, int)>();
        for (var offset = 32; offset + 8 <= bytes.Length;)
        {
            var length = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            frames.Add((offset, length));
            offset += length;
        }

        return frames;
    }
}
