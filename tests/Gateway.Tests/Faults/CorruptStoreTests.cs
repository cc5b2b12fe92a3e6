using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Faults;

/// <summary>
/// A store written by the gateway (broker down, so it holds every reading), stopped, damaged on disk, and the gateway
/// started again: it must start, say what it found, and forward every record that is intact — and nothing else.
/// </summary>
[Collection(nameof(OneFaultAtATime))]
public sealed partial class CorruptStoreTests
{
    private const uint Readings = 3000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public enum Damage
    {
        /// <summary>The newest segment cut in the middle of a record, as an interrupted write leaves it.</summary>
        TornTail,

        /// <summary>300 bytes overwritten in the middle of a sealed segment.</summary>
        CorruptMiddle,

        /// <summary>The oldest segment's header overwritten: the whole file is unreadable.</summary>
        UnreadableHeader,
    }

    [Theory(Timeout = 90_000)]
    [InlineData(Damage.TornTail)]
    [InlineData(Damage.CorruptMiddle)]
    [InlineData(Damage.UnreadableHeader)]
    public async Task A_damaged_store_at_start_is_reported_and_every_intact_reading_is_forwarded(Damage damage)
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync(persistence: true);
        var health = $"{scenario.Root}/health";
        await using var collector = await ReadingCollector.ConnectAsync(broker, scenario.Root, health, $"{scenario.Root}/events");
        await broker.StopAsync();
        var pty = scenario.OpenPty("board");
        var store = Path.Combine(scenario.DataDirectory, "store");
        string[] settings = ["--set", "Store:SegmentBytes=65536", "--set", "Health:IntervalSeconds=1"];
        using (VirtualBoard.Start(pty, new VirtualBoardOptions { Readings = Readings }))
        {
            var writer = scenario.StartGateway([pty.LinkPath], settings);
            await FaultKit.WaitAsync(
                () => SegmentMap.ReadTelemetry(store).Any(s => s.Frames.Any(f => f.Seq == Readings)), Wait, $"the store's files hold reading {Readings}",
                () => $"segments: {string.Join(", ", SegmentMap.ReadTelemetry(store).Select(s => $"{Path.GetFileName(s.Path)} ({s.Frames.Count})"))}\n{FaultKit.Tail(writer)}");
            Assert.Equal(0, await writer.StopAsync());
        }

        // The board is gone: nothing can replay what the damage destroys, so exactly the intact records must arrive.
        var segments = SegmentMap.ReadTelemetry(store);
        var stored = segments.SelectMany(s => s.Frames).Select(f => f.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, (int)Readings).Select(i => (uint)i), stored);
        Assert.True(segments.Count >= 3, $"the readings fill only {segments.Count} segment(s)");
        var (destroyed, report) = Apply(damage, segments);
        output?.WriteLine($"{damage}: destroyed {DeliveryAnalysis.Ranges(destroyed)}");
        var intact = Enumerable.Range(1, (int)Readings).Select(i => (uint)i).Except(destroyed).ToList();

        await broker.StartAsync();
        await collector.ReconnectAsync();
        var gateway = scenario.StartGateway([pty.LinkPath], settings);
        var line = await FaultKit.WaitForLogAsync(gateway, report, Wait, "the store's start says what it found", () => FaultKit.Tail(gateway));
        output?.WriteLine(line);
        await FaultKit.WaitAsync(
            () => collector.Count >= intact.Count && intact.All(collector.Snapshot().Select(d => d.Seq).ToHashSet().Contains), Wait,
            $"the {intact.Count} intact readings arrive", () => $"{collector.Count} arrived, highest {collector.MaxSeq}\n{FaultKit.Tail(gateway)}", fail: false);

        var analysis = new DeliveryAnalysis(collector.Snapshot());
        var missing = intact.Where(s => analysis.Missing(s, s).Count > 0).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} intact readings never arrived: {DeliveryAnalysis.Ranges(missing)}\n{FaultKit.Tail(gateway)}");
        var ghosts = destroyed.Where(s => analysis.Missing(s, s).Count == 0).ToList();
        Assert.True(ghosts.Count == 0, $"destroyed readings arrived: {DeliveryAnalysis.Ranges(ghosts)}");
        var late = analysis.FirstLateArrival();
        Assert.True(late is null, $"order broken: {late}");
        if (damage != Damage.TornTail)
        {
            var lost = LostCount().Match(line);
            Assert.True(lost.Success && long.Parse(lost.Groups[1].Value, CultureInfo.InvariantCulture) == destroyed.Count,
                $"the store should say that {destroyed.Count} record(s) were lost: {line}");
        }

        // The health report published on MQTT counts what was lost to corruption (a torn tail was never whole: not counted).
        var corrupt = damage == Damage.TornTail ? 0 : destroyed.Count;
        await FaultKit.WaitAsync(
            () => collector.Others().Any(m => m.Topic == health && m.Connection == 2 && CorruptCount(m.Text) == corrupt), Wait,
            $"a health report on {health} counts {corrupt} record(s) lost to corruption",
            () => collector.Others().LastOrDefault(m => m.Topic == health).Text ?? "no health report");
        if (damage != Damage.TornTail)
        {
            // And the store's notice of it is an event of the gateway on the broker.
            var events = health[..health.LastIndexOf('/')] + "/events";
            await FaultKit.WaitAsync(
                () => collector.Others().Any(m => m.Topic == events && m.Text.Contains("\"type\":\"store\"", StringComparison.Ordinal) &&
                    (m.Text.Contains("\"kind\":\"repaired\"", StringComparison.Ordinal) || m.Text.Contains("\"kind\":\"quarantined\"", StringComparison.Ordinal))), Wait,
                $"an event on {events} tells of the corruption",
                () => string.Join('\n', collector.Others().Where(m => m.Topic == events).Select(m => m.Text)));
        }

        Assert.False(gateway.HasExited, "the gateway stopped:\n" + FaultKit.Tail(gateway));
    }

    private static long CorruptCount(string health)
    {
        using var report = JsonDocument.Parse(health);
        return report.RootElement.GetProperty("store").GetProperty("drops").TryGetProperty("corrupt", out var count) ? count.GetInt64() : 0;
    }

    /// <remarks>
    /// The state file holds the uplink's acknowledgements. When it cannot be read, the store resumes from what it
    /// could read (here: nothing), so records it still holds — all acknowledged before the stop — go out again:
    /// duplicates, in order, and exactly the records the segment files hold; never a loss.
    /// </remarks>
    [Fact(Timeout = 90_000)]
    public async Task An_unreadable_state_file_is_reported_and_the_records_still_held_are_sent_again_in_order()
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync();
        await using var collector = await ReadingCollector.ConnectAsync(broker, scenario.Root);
        var pty = scenario.OpenPty("board");
        var store = Path.Combine(scenario.DataDirectory, "store");
        string[] settings = ["--set", "Store:SegmentBytes=65536", "--set", "Health:IntervalSeconds=1"];
        using (VirtualBoard.Start(pty, new VirtualBoardOptions { Readings = Readings }))
        {
            var writer = scenario.StartGateway([pty.LinkPath], settings);
            await FaultKit.WaitAsync(() => collector.HasAll(1, Readings), Wait, $"the {Readings} readings arrive", () => FaultKit.Tail(writer));
            await FaultKit.WaitAsync(
                () => FaultKit.ReadHealth(scenario) is { } h && h.GetProperty("uplinks")[0].GetProperty("backlog").GetInt64() == 0, Wait,
                "health.json shows no backlog", () => FaultKit.ReadHealth(scenario)?.ToString() ?? "no health.json");
            Assert.Equal(0, await writer.StopAsync());
        }

        var held = SegmentMap.ReadTelemetry(store).SelectMany(s => s.Frames).Select(f => f.Seq).ToList();
        Overwrite(Path.Combine(store, "state.log"), 0, 32);
        var before = collector.Count;
        var gateway = scenario.StartGateway([pty.LinkPath], settings);
        var line = await FaultKit.WaitForLogAsync(gateway, "Store state reset", Wait, "the store's start says the state was reset", () => FaultKit.Tail(gateway));
        output?.WriteLine($"held {DeliveryAnalysis.Ranges(held)}; {line}");
        Assert.NotEmpty(held);
        await FaultKit.WaitAsync(
            () => collector.Count >= before + held.Count, Wait, $"the {held.Count} readings still held are sent again",
            () => $"{collector.Count - before} sent again\n{FaultKit.Tail(gateway)}");

        var again = collector.Snapshot().Skip(before).Select(d => d.Seq).ToList();
        Assert.Equal(held, again);
        Assert.False(gateway.HasExited, "the gateway stopped:\n" + FaultKit.Tail(gateway));
    }

    /// <summary>Damages the files; returns the seqs destroyed and what the store's start must log.</summary>
    private static (List<uint> Destroyed, string Report) Apply(Damage damage, List<SegmentMap> segments)
    {
        switch (damage)
        {
            case Damage.TornTail:
            {
                var newest = segments.Last(s => s.Frames.Count > 0);
                var cut = newest.Frames[Math.Max(0, newest.Frames.Count - 10)];
                using (var file = File.OpenHandle(newest.Path, FileMode.Open, FileAccess.ReadWrite))
                {
                    RandomAccess.SetLength(file, cut.Offset + (cut.Length / 2));
                }

                return ([.. newest.Frames.Where(f => f.Offset >= cut.Offset).Select(f => f.Seq)], "Store repaired at start");
            }

            case Damage.CorruptMiddle:
            {
                var middle = segments[1];
                var start = middle.Frames[middle.Frames.Count / 2].Offset + 12;
                Overwrite(middle.Path, start, 300);
                return (middle.SeqsWithin(start, start + 300), "Store found corruption at start");
            }

            default:
            {
                var oldest = segments[0];
                Overwrite(oldest.Path, 0, 32);
                return ([.. oldest.Frames.Select(f => f.Seq)], "Store found corruption at start");
            }
        }
    }

    private static void Overwrite(string path, long offset, int count)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.Write(file, Enumerable.Repeat((byte)0xA5, count).ToArray(), offset);
    }

    [GeneratedRegex(@"(\d+) record\(s\) lost")]
    private static partial Regex LostCount();
}
