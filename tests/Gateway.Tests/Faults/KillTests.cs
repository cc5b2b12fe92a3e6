using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Faults;

/// <summary>
/// kill -9 of the gateway at random moments while a virtual board streams sequenced readings through a pty;
/// after every kill the gateway starts again on the same data directory. Judged by what reached the broker.
/// </summary>
/// <remarks>
/// What must hold, and why:
/// <list type="bullet">
/// <item>Nothing is lost. A reading the store took reached the disk's page cache before the uplink could read it
/// (cursors read the segment files), and page-cache data survives kill -9. A reading the board sent but the
/// gateway had not yet stored — in the pty, in the pipe's buffer, or taken but not yet written — is sent again
/// by the board: after a restart the link starts from the store's last seq (<c>IOutbox.TryGetLastSeq</c>) and
/// asks for a <c>resend</c> from the next one. The board here holds <see cref="ResendCapacity"/> frames, more
/// than a pty's buffer can hold while the gateway is down, so every gap can be filled.</item>
/// <item>Order: each gateway run publishes the telemetry lane in store order, which is seq order (a link
/// accepts data frames only in order), skipping what is acknowledged already. So within a run seqs only
/// increase; a run after a kill starts with what was unacknowledged at the kill (not necessarily contiguous:
/// PUBACKs are taken out of order), then continues with new seqs one by one. The strongest property that
/// holds is therefore: no seq arrives before every lower seq has arrived (first arrivals are exactly 1, 2, 3,
/// … in order), and the seqs go back at most once per kill.</item>
/// <item>Duplicates come only from the start of a run, and only from what the store still held as
/// unacknowledged at the kill: the publishes in flight (at most <c>Mqtt:MaxInFlight</c> without a PUBACK) and
/// PUBACKs the store took but had not yet written (acknowledgements ride on the next group commit of records, or
/// are saved at most 20 ms later when none comes: at this stream's rates a few dozen; <see cref="AckLag"/> allows
/// for a writer that is slow on a loaded machine). A resend adds none at the broker: it starts after the last
/// stored seq, and any overlap with frames already taken is dropped by the link as repeats before the store.</item>
/// </list>
/// </remarks>
[Collection(nameof(OneFaultAtATime))]
public sealed partial class KillTests
{
    private const uint Readings = 20_000;
    private const int Kills = 12;
    private const int MaxInFlight = 20;
    private const int AckLag = 300;
    private const uint ResendCapacity = 8192;
    private static readonly TimeSpan Progress = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 180_000)]
    public async Task Every_reading_reaches_the_broker_in_order_through_repeated_kill_9()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"seed {seed}");
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync();
        await using var collector = await ReadingCollector.ConnectAsync(broker, scenario.Root);
        var pty = scenario.OpenPty("board");
        var board = scenario.Track(VirtualBoard.Start(pty, new VirtualBoardOptions
        {
            Readings = Readings,
            ReadingsPerSecond = 1000,
            ResendCapacity = ResendCapacity,
        }));
        string[] settings = ["--set", $"Mqtt:MaxInFlight={MaxInFlight}", "--set", "Serial:HelloWaitMs=5000"];
        var gateway = scenario.StartGateway([pty.LinkPath], settings);

        var duringStream = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Spread the kills over the board's stream, each at a random point of its share, and only once this run forwarded something.
            var target = (uint)(Readings * (kill - 1 + random.NextDouble()) / (Kills + 1));
            var before = collector.MaxSeq;
            await FaultKit.WaitAsync(
                () => collector.MaxSeq > before && board.LastSeq >= target, Progress, $"kill {kill}: the board reaches seq {target} and readings reach the broker",
                () => FaultKit.State(collector, board, gateway));
            await Task.Delay(random.Next(0, 200), TestContext.Current.CancellationToken);
            var (atBroker, atBoard) = (collector.MaxSeq, board.LastSeq);
            gateway.Kill9();
            await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            duringStream += atBoard < Readings ? 1 : 0;
            output?.WriteLine($"kill {kill}: highest seq at the broker {atBroker}, board at {atBoard}");
            gateway = scenario.StartGateway([pty.LinkPath], settings);
        }

        await FaultKit.WaitAsync(() => collector.HasAll(1, Readings), TimeSpan.FromSeconds(60), "every reading arrives", () => string.Empty, fail: false);

        var deliveries = collector.Snapshot();
        var analysis = new DeliveryAnalysis(deliveries);
        output?.WriteLine($"{deliveries.Count} deliveries, {analysis.Distinct} distinct, {analysis.Duplicates} duplicates; runs: {analysis.DescribeRuns()}");
        output?.WriteLine(board.Describe());
        Assert.Null(board.Fault);
        Assert.True(duringStream >= 10, $"only {duringStream} of the {Kills} kills came while the board was still sending");
        var malformed = collector.Others().Where(m => m.Topic.EndsWith("/readings", StringComparison.Ordinal)).Select(m => m.Text).Take(3).ToList();
        Assert.True(malformed.Count == 0, $"readings that are not ADR 0002 JSON arrived: {string.Join(" | ", malformed)}");
        var strangers = deliveries.Where(d => d.Device != board.DeviceId || d.Boot != board.BootId).Take(5).ToList();
        Assert.True(strangers.Count == 0, $"readings arrived under another device or boot than {board.DeviceId}/{board.BootId}: {string.Join(", ", strangers)}");
        var missing = analysis.Missing(1, Readings);
        Assert.True(missing.Count == 0, $"{missing.Count} of {Readings} readings never reached the broker: {DeliveryAnalysis.Ranges(missing)} ({board.Describe()})");
        Assert.True(analysis.Distinct == Readings, $"{analysis.Distinct} distinct seqs arrived, expected {Readings}");
        var skip = analysis.FirstSkipAhead();
        Assert.True(skip is null, $"order broken: {skip}");
        Assert.True(analysis.Runs.Count <= Kills + 1, $"the seqs went back {analysis.Runs.Count - 1} times for {Kills} kills: {analysis.DescribeRuns()}");
        var worst = analysis.Runs.MaxBy(r => r.Replayed);
        Assert.True(worst.Replayed <= MaxInFlight + AckLag,
            $"a restart sent {worst.Replayed} readings again (run {worst.First}..{worst.Last}); at most Mqtt:MaxInFlight ({MaxInFlight}) plus {AckLag} acknowledgements not yet saved may come again");
        Assert.False(gateway.HasExited, "the last gateway stopped by itself:\n" + FaultKit.Tail(gateway));
    }

    /// <remarks>
    /// With the real firmware's ring of 8 frames, a kill while the board streams loses what it sent while nobody had the
    /// port open (a closed port drops it), beyond what the ring can give back:
    /// the restarted gateway resumes after the store's last seq, asks for a resend, and the board's ack starts later.
    /// Those frames must be counted (<c>N data frame(s) lost before seq S</c>) — exactly the seqs that never arrive —
    /// and every other reading must arrive, first arrivals in order.
    /// </remarks>
    [Fact(Timeout = 90_000)]
    public async Task With_the_firmwares_ring_of_8_what_a_kill_loses_is_counted_and_the_rest_arrives_in_order()
    {
        const uint Total = 5000;
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync();
        await using var collector = await ReadingCollector.ConnectAsync(broker, scenario.Root);
        var pty = scenario.OpenPty("board");
        var board = scenario.Track(VirtualBoard.Start(pty, new VirtualBoardOptions { Readings = Total, ReadingsPerSecond = 1000, ResendCapacity = 8 }));
        string[] settings = ["--set", $"Mqtt:MaxInFlight={MaxInFlight}", "--set", "Serial:HelloWaitMs=5000"];
        var first = scenario.StartGateway([pty.LinkPath], settings);
        await FaultKit.WaitAsync(() => collector.MaxSeq >= 1500, Progress, "readings reach seq 1500", () => FaultKit.State(collector, board, first));
        first.Kill9();
        await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // The board streams on into the pty while the gateway is away — more than its ring can give back — until
        // 500 more readings, or until the pty's buffer is full and the board waits (it made none for half a second).
        var killedAt = board.LastSeq;
        var (lastSeen, since) = (killedAt, DateTime.UtcNow);
        bool StreamedOrBlocked()
        {
            var now = board.LastSeq;
            if (now != lastSeen)
            {
                (lastSeen, since) = (now, DateTime.UtcNow);
            }

            return now >= killedAt + 500 || DateTime.UtcNow - since > TimeSpan.FromMilliseconds(500);
        }

        await FaultKit.WaitAsync(StreamedOrBlocked, Progress, "the board streams on", () => FaultKit.State(collector, board, first));

        // A real port nobody has open drops what the board sends; the test's descriptor kept it, so drop it now.
        pty.DiscardUnread();
        var gateway = scenario.StartGateway([pty.LinkPath], settings);
        await FaultKit.WaitAsync(() => collector.MaxSeq >= Total, Progress, $"reading {Total} arrives", () => FaultKit.State(collector, board, gateway));
        var lostLine = await FaultKit.WaitForLogAsync(gateway, "data frame(s) lost", Progress, "the gateway counts the frames the board no longer holds", () => FaultKit.Tail(gateway));

        var analysis = new DeliveryAnalysis(collector.Snapshot());
        var missing = analysis.Missing(1, Total);
        var counted = LostLine().Matches(gateway.Output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        TestContext.Current.TestOutputHelper?.WriteLine($"killed with the board at {killedAt}; missing {DeliveryAnalysis.Ranges(missing)}; {lostLine}; runs {analysis.DescribeRuns()}");
        Assert.True(missing.Count > 0, "nothing was lost, so the ring of 8 was not put to the test");
        Assert.True(counted == missing.Count, $"{missing.Count} readings never arrived ({DeliveryAnalysis.Ranges(missing)}) but the gateway counted {counted} lost");
        var late = analysis.FirstLateArrival();
        Assert.True(late is null, $"order broken: {late}");
        Assert.True(analysis.Runs.Count <= 2, $"the seqs went back {analysis.Runs.Count - 1} times for one kill: {analysis.DescribeRuns()}");
        Assert.True(analysis.Runs[^1].Replayed <= MaxInFlight + AckLag, $"the restart sent {analysis.Runs[^1].Replayed} readings again");
        Assert.False(gateway.HasExited, "the gateway stopped:\n" + FaultKit.Tail(gateway));
    }

    [GeneratedRegex(@"(\d+) data frame\(s\) lost before seq")]
    private static partial Regex LostLine();
}
