using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Configuration;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Store;

namespace Gateway.Tests.Faults;

/// <summary>
/// The gateway's store on a small real file system (a 4 MiB tmpfs, all but 600 KiB taken by a filler file) while the
/// broker is down, so the backlog grows until the disk is full; then the broker comes back.
/// </summary>
[Collection(nameof(OneFaultAtATime))]
public sealed partial class DiskFullTests
{
    private const long LeftFree = 600 * 1024;
    private const uint MoreReadings = 2000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <remarks>
    /// Every reading the board sent is either delivered or counted by the store: with <c>DropOldest</c> in the drop
    /// notices of whole segments (<c>reason disk_full, N record(s)</c>), with <c>RejectNew</c> in the count of
    /// refusals the store reports when it accepts again. So the seqs missing at the broker are exactly as many as
    /// the store counted. With <c>RejectNew</c> what was accepted is kept, so nothing before the first refusal is
    /// missing. The gateway stays up, says <c>online</c> when the broker is back, drains its backlog (which frees
    /// the disk), and every reading made after that is stored and forwarded.
    /// </remarks>
    [Theory(Timeout = 120_000)]
    [InlineData(StoreFullPolicy.DropOldest)]
    [InlineData(StoreFullPolicy.RejectNew)]
    public async Task A_full_disk_applies_the_policy_keeps_the_gateway_up_and_it_forwards_again_when_space_frees(StoreFullPolicy policy)
    {
        using var mount = TmpfsMount.TryMount("4m", out var reason) ?? SkipBecause(reason);
        Fill(mount);
        var output = TestContext.Current.TestOutputHelper;
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync(persistence: true);
        var status = $"{scenario.Root}/status";
        var health = $"{scenario.Root}/health";
        await using var collector = await ReadingCollector.ConnectAsync(broker, scenario.Root, status, health);
        await broker.StopAsync();
        var pty = scenario.OpenPty("board");
        var board = scenario.Track(VirtualBoard.Start(pty, new VirtualBoardOptions { ReadingsPerSecond = 2000, ResendCapacity = 64 }));
        var gateway = scenario.StartGateway(
            [pty.LinkPath],
            "--set", $"Store:Directory={Path.Combine(mount.Path, "store")}",
            "--set", "Store:SegmentBytes=65536",
            "--set", $"Store:FullPolicy={policy}",
            "--set", "Store:MaxAgeHours=0");
        string State() => FaultKit.State(collector, board, gateway) + $"\n{mount.FreeBytes} bytes free";

        var full = policy == StoreFullPolicy.DropOldest ? "(reason disk_full" : "the store refuses new records because the disk";
        await FaultKit.WaitAsync(() => gateway.Output.Contains(full, StringComparison.Ordinal), Wait, $"the store says the disk is full ('{full}')", State);
        var fullAt = board.LastSeq;
        await FaultKit.WaitAsync(() => board.LastSeq >= fullAt + MoreReadings, Wait, "the board streams on into the full disk", State);
        Assert.False(gateway.HasExited, "the gateway stopped on a full disk:\n" + FaultKit.Tail(gateway));
        output?.WriteLine($"disk full with the board at {fullAt}; broker back with the board at {board.LastSeq}");

        await broker.StartAsync();
        await collector.ReconnectAsync();
        await FaultKit.WaitAsync(
            () => collector.Others().Any(m => m.Topic == status && m.Connection == 2 && !m.Retained && m.Text == "online"), Wait,
            "the gateway says it is online after the broker came back", State);
        if (policy == StoreFullPolicy.RejectNew)
        {
            await FaultKit.WaitAsync(() => gateway.Output.Contains("accepts new records again", StringComparison.Ordinal), Wait, "the store accepts records again once the backlog drained", State);
        }

        // Caught up: what the board makes from here on must all be stored and forwarded.
        await FaultKit.WaitAsync(() => collector.MaxSeq + 50 >= board.LastSeq, Wait, "the backlog drains", State);
        var recovered = board.LastSeq;
        await FaultKit.WaitAsync(() => board.LastSeq >= recovered + MoreReadings, Wait, "the board streams on after recovery", State);
        var last = board.StopReadings();
        await FaultKit.WaitAsync(() => collector.HasAll(recovered + 1, last), Wait, "every reading made after recovery arrives", State, fail: false);

        var analysis = new DeliveryAnalysis(collector.Snapshot());
        var missing = analysis.Missing(1, last);
        var (dropped, refused) = StoreCounts(gateway.Output);
        output?.WriteLine($"last seq {last}: {missing.Count} missing ({DeliveryAnalysis.Ranges(missing)}), {dropped} dropped and {refused} refused by the store's count");
        Assert.False(gateway.HasExited, "the gateway stopped:\n" + FaultKit.Tail(gateway));
        var lateMissing = analysis.Missing(recovered + 1, last);
        Assert.True(lateMissing.Count == 0, $"readings made after space freed did not arrive: {DeliveryAnalysis.Ranges(lateMissing)}; {State()}");
        var late = analysis.FirstLateArrival();
        Assert.True(late is null, $"order broken: {late}");
        if (policy == StoreFullPolicy.DropOldest)
        {
            Assert.True(dropped > 0, "the store counted no dropped records on a full disk");
            Assert.True(missing.Count > 0 && missing[0] == 1, $"DropOldest drops the oldest segment first, but seq 1 arrived (missing: {DeliveryAnalysis.Ranges(missing)})");
        }
        else
        {
            Assert.True(refused > 0, "the store counted no refused records on a full disk");
            Assert.Equal(0, dropped);
            var oldest = analysis.Missing(1, 1000);
            Assert.True(oldest.Count == 0, $"RejectNew keeps what it accepted, but of the oldest readings these never arrived: {DeliveryAnalysis.Ranges(oldest)}");
        }

        // ADR 0002's retained health summary: the gateway of this writing does not publish one; when it does, it must keep doing so.
        var healthReports = collector.Others().Where(m => m.Topic == health && m.Connection == 2).ToList();
        output?.WriteLine($"{healthReports.Count} health report(s) after the broker came back{(healthReports.Count > 0 ? ": " + healthReports[^1].Text : string.Empty)}");
        Assert.All(healthReports, m => System.Text.Json.JsonDocument.Parse(m.Text).Dispose());
        Assert.True(missing.Count == dropped + refused,
            $"{missing.Count} readings never reached the broker ({DeliveryAnalysis.Ranges(missing)}), but the store counted {dropped} dropped and {refused} refused");
    }

    /// <summary>The records the store said it dropped and refused for a full disk, from its log lines.</summary>
    private static (long Dropped, long Refused) StoreCounts(string log)
    {
        var dropped = DroppedLine().Matches(log).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var refused = RefusedLine().Matches(log).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return (dropped, refused);
    }

    /// <summary>Takes all but <see cref="LeftFree"/> bytes of the file system.</summary>
    private static void Fill(TmpfsMount mount)
    {
        using var file = File.OpenHandle(Path.Combine(mount.Path, "filler"), FileMode.CreateNew, FileAccess.Write);
        RandomAccess.Write(file, new byte[mount.FreeBytes - LeftFree], 0);
    }

    private static TmpfsMount SkipBecause(string reason)
    {
        Assert.Skip(reason);
        return null!;
    }

    [GeneratedRegex(@"\(reason disk_full, (\d+) record\(s\)\)")]
    private static partial Regex DroppedLine();

    [GeneratedRegex(@"accepts new records again; (\d+) were refused \(disk_full\)")]
    private static partial Regex RefusedLine();
}
