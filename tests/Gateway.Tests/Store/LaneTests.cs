using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

public class LaneTests
{
    [Fact]
    public void Readings_and_board_events_are_telemetry()
    {
        Assert.Equal(OutboxLane.Telemetry, OutboxLanes.Of(Reading(1)));
        Assert.Equal(OutboxLane.Telemetry, OutboxLanes.Of(new Core.Telemetry.BoardEvent(Device, "1", 1, default, "button", "")));
    }

    [Fact]
    public void Control_records_come_before_a_telemetry_backlog_and_each_lane_keeps_its_order()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path);
        var cursor = store.OpenCursor("a");
        AppendAll(store, 1, 1000);
        for (uint seq = 9001; seq <= 9003; seq++)
        {
            Assert.True(store.TryAppend(Reading(seq), OutboxLane.Control));
        }

        Flush(store);
        var head = new List<OutboxEntry>();
        for (var i = 0; i < 13 && cursor.TryRead(out var entry); i++)
        {
            head.Add(entry);
        }

        Assert.Equal([9001u, 9002, 9003, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Seqs(head));
        Assert.Equal(OutboxLane.Control, head[0].Lane);
        Assert.Equal(OutboxLane.Telemetry, head[3].Lane);

        Assert.True(store.TryAppend(Reading(9004), OutboxLane.Control));
        Flush(store);
        var rest = Drain(cursor);
        Assert.Equal([9004u, .. Range(11, 1000)], Seqs(rest));
    }

    [Fact]
    public void Lanes_survive_a_restart()
    {
        using var directory = new TempDirectory();
        using (var store = Open(directory.Path))
        {
            store.OpenCursor("a");
            AppendAll(store, 1, 50);
            Assert.True(store.TryAppend(Reading(7777), OutboxLane.Control));
        }

        using (var store = Open(directory.Path))
        {
            Assert.Equal([7777u, .. Range(1, 50)], Seqs(Drain(store.OpenCursor("a"))));
            Assert.Single(SegmentFiles(directory.Path, OutboxLane.Control));
        }
    }

    [Fact]
    public void The_memory_outbox_reads_control_first_too()
    {
        var store = new MemoryOutbox(100, ["a"]);
        var cursor = store.OpenCursor("a");
        AppendAll(store, 1, 5);
        Assert.True(cursor.TryRead(out var first));
        Assert.Equal(1u, first.Record.Seq);
        Assert.Equal(OutboxLane.Telemetry, first.Lane);
        Assert.True(store.TryAppend(Reading(9001), OutboxLane.Control));
        Assert.True(store.TryAppend(Reading(9002), OutboxLane.Control));

        var rest = Drain(cursor);
        Assert.Equal([9001u, 9002, 2, 3, 4, 5], Seqs(rest));
        Assert.Equal(OutboxLane.Control, rest[0].Lane);
    }
}
