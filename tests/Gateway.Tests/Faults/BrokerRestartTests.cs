using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Faults;

/// <summary>Mosquitto stopped (SIGTERM) for a few seconds while a board streams, then started again on the same port.</summary>
[Collection(nameof(OneFaultAtATime))]
public sealed class BrokerRestartTests
{
    private const uint Readings = 6000;
    private const uint StopAfter = 1500;
    private const uint DownFor = 1500;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <remarks>
    /// The broker keeps a persistent session for the subscriber across its restart (persistence on, saved at
    /// SIGTERM), so what it accepted before stopping reaches the subscriber when it comes back. The gateway must
    /// keep what the board sends meanwhile, reconnect, and send it all: every seq arrives, no seq arrives before
    /// all lower ones (the publishes the broker did not acknowledge are sent again, which may repeat some).
    /// </remarks>
    [Fact(Timeout = 120_000)]
    public async Task Readings_sent_while_mosquitto_restarts_all_arrive_and_the_gateway_reconnects()
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync(persistence: true);
        var status = $"{scenario.Root}/status";
        await using var collector = await ReadingCollector.ConnectAsync(broker, scenario.Root, status);
        var pty = scenario.OpenPty("board");
        var board = scenario.Track(VirtualBoard.Start(pty, new VirtualBoardOptions { Readings = Readings, ReadingsPerSecond = 500, ResendCapacity = 64 }));
        var gateway = scenario.StartGateway([pty.LinkPath], "--set", "Mqtt:MaxInFlight=20", "--set", "Health:IntervalSeconds=1");
        string State() => FaultKit.State(collector, board, gateway);

        await FaultKit.WaitAsync(() => collector.MaxSeq >= StopAfter, Wait, $"readings reach seq {StopAfter}", State);
        await broker.StopAsync();
        var stoppedAt = board.LastSeq;
        output?.WriteLine($"broker stopped with seq {collector.MaxSeq} delivered, board at {stoppedAt}");

        // The broker stays down while the board makes DownFor more readings (three seconds at its rate).
        await FaultKit.WaitAsync(() => board.LastSeq >= stoppedAt + DownFor, Wait, "the board streams on while the broker is down", State);
        Assert.False(gateway.HasExited, "the gateway stopped while the broker was down:\n" + FaultKit.Tail(gateway));
        await FaultKit.WaitAsync(
            () => FaultKit.ReadHealth(scenario) is { } h && h.GetProperty("uplinks")[0] is var u && !u.GetProperty("connected").GetBoolean() && u.GetProperty("backlog").GetInt64() > 0,
            Wait, "health.json shows the uplink disconnected with a backlog", () => FaultKit.ReadHealth(scenario)?.ToString() ?? "no health.json");
        await broker.StartAsync();
        var restartedAt = board.LastSeq;
        await collector.ReconnectAsync();
        output?.WriteLine($"broker started again with the board at {restartedAt}");

        await FaultKit.WaitAsync(() => collector.HasAll(1, Readings), TimeSpan.FromSeconds(60), "every reading arrives", State, fail: false);
        var deliveries = collector.Snapshot();
        var analysis = new DeliveryAnalysis(deliveries);
        output?.WriteLine($"{deliveries.Count} deliveries, {analysis.Distinct} distinct, {analysis.Duplicates} duplicates; runs: {analysis.DescribeRuns()}");
        var missing = analysis.Missing(1, Readings);
        Assert.True(missing.Count == 0, $"{missing.Count} of {Readings} readings never reached the broker: {DeliveryAnalysis.Ranges(missing)}; {State()}");
        var skip = analysis.FirstSkipAhead();
        Assert.True(skip is null, $"order broken: {skip}");
        Assert.True(deliveries.Any(d => d.Seq > restartedAt && d.Connection == 2), "no reading made after the broker came back arrived: the gateway did not reconnect");
        var live = collector.Others().Where(m => m.Topic == status && m.Connection == 2 && !m.Retained).Select(m => m.Text).ToList();
        Assert.True(live.Contains("online"), $"the gateway did not say 'online' on {status} after the broker came back (live messages: {string.Join(", ", live)})");
        Assert.False(gateway.HasExited, "the gateway stopped:\n" + FaultKit.Tail(gateway));
    }
}
