using Gateway.Tests.Fakes.Cumulocity;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>Operations from the Cumulocity emulator through the gateway process to the emulated board, and what survives a restart.</summary>
public sealed class CumulocityOperationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_redelivered_operation_is_carried_out_once()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath, "Cumulocity:Operations:OfflineTimeoutSeconds=8");
        var child = await c8y.ChildAsync();

        // The board is gone: the operation waits for it, and meanwhile Cumulocity delivers it again.
        board.Kill9();
        await gateway.WaitForLogAsync("is offline", Wait);
        var request = c8y.Emulator.CreateMeasurementRequest(child.ExternalId, "now");
        await gateway.WaitForLogAsync("c8y_MeasurementRequestOperation for", Wait);
        c8y.Emulator.PushAgain(request);
        await gateway.WaitForLogAsync("delivered again while in progress", Wait);

        await c8y.Emulator.WaitForAsync(() => request.Status == OperationStatus.Failed, Wait, "the request FAILED");
        Assert.Equal([OperationStatus.Pending, OperationStatus.Executing, OperationStatus.Failed], request.History);
        Assert.Contains("offline", request.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, c8y.Emulator.Upstream.Count(m => m.Payload.Contains("501,c8y_MeasurementRequestOperation", StringComparison.Ordinal)));
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task An_operation_for_an_offline_board_fails_with_a_reason_after_the_timeout()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath, "Cumulocity:Operations:OfflineTimeoutSeconds=2");
        var child = await c8y.ChildAsync();
        board.Kill9();
        await gateway.WaitForLogAsync("is offline", Wait);

        var relay = c8y.Emulator.CreateRelay(child.ExternalId, "CLOSED");

        await c8y.Emulator.WaitForAsync(() => relay.Status == OperationStatus.Failed, Wait, "the relay FAILED");
        Assert.Contains("is offline; waited 2 s", relay.FailureReason, StringComparison.Ordinal);
        await c8y.Emulator.WaitForAsync(
            () => c8y.Emulator.Device(child.ExternalId).Events.Any(e => e.Type == "c8y_BoardOffline"), Wait, "the offline event");
    }

    [Fact]
    public async Task Configuration_command_and_measurement_request_reach_the_board()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        c8y.StartGateway(board.PortPath);
        var child = await c8y.ChildAsync();

        var configuration = c8y.Emulator.CreateConfiguration(child.ExternalId, "interval=500");
        await c8y.Emulator.WaitForAsync(() => configuration.Status == OperationStatus.Successful, Wait, "the configuration SUCCESSFUL");
        Assert.Equal("interval=500", c8y.Emulator.Device(child.ExternalId).Configuration);

        var command = c8y.Emulator.CreateCommand(child.ExternalId, "out 7 1");
        await c8y.Emulator.WaitForAsync(() => command.Status == OperationStatus.Successful, Wait, "the command SUCCESSFUL");
        Assert.StartsWith("ok", Assert.Single(command.Result), StringComparison.Ordinal);

        var bad = c8y.Emulator.CreateCommand(child.ExternalId, "format c:");
        await c8y.Emulator.WaitForAsync(() => bad.Status == OperationStatus.Failed, Wait, "the bad command FAILED");
        Assert.Contains("unknown command 'format'", bad.FailureReason, StringComparison.Ordinal);

        var onGateway = c8y.Emulator.CreateCommand(CumulocityScenario.GatewayId, "uptime");
        await c8y.Emulator.WaitForAsync(() => onGateway.Status == OperationStatus.Failed, Wait, "the gateway command FAILED");
        Assert.Equal("not supported", onGateway.FailureReason);

        var request = c8y.Emulator.CreateMeasurementRequest(child.ExternalId, "now");
        await c8y.Emulator.WaitForAsync(() => request.Status == OperationStatus.Successful, Wait, "the request SUCCESSFUL");
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_restart_of_a_board_reboots_it_and_succeeds()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath);
        var child = await c8y.ChildAsync();
        var boots = gateway.Output.Split('\n').Count(l => l.Contains(", boot ", StringComparison.Ordinal));

        var restart = c8y.Emulator.CreateRestart(child.ExternalId);

        await c8y.Emulator.WaitForAsync(() => restart.Status == OperationStatus.Successful, Wait, "the board restart SUCCESSFUL");
        await Eventually.TrueAsync(
            () => gateway.Output.Split('\n').Count(l => l.Contains(", boot ", StringComparison.Ordinal)) > boots, Wait, "the board says hello from a new boot");
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_restart_of_the_gateway_exits_for_systemd_and_succeeds_after_the_restart()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath);
        await c8y.ChildAsync();

        var restart = c8y.Emulator.CreateRestart(CumulocityScenario.GatewayId);

        Assert.NotEqual(0, await gateway.Process.WaitForExitAsync(Wait));
        Assert.Equal(OperationStatus.Executing, restart.Status);
        var again = c8y.StartGateway(board.PortPath);
        await c8y.Emulator.WaitForAsync(() => restart.Status == OperationStatus.Successful, Wait, "the restart SUCCESSFUL" + again.Output);
        Assert.Equal([OperationStatus.Pending, OperationStatus.Executing, OperationStatus.Successful], restart.History);
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task An_operation_interrupted_by_a_crash_is_failed_after_the_restart()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath, "Cumulocity:Operations:OfflineTimeoutSeconds=120");
        var child = await c8y.ChildAsync();
        board.Kill9();
        await gateway.WaitForLogAsync("is offline", Wait);
        var relay = c8y.Emulator.CreateRelay(child.ExternalId, "OPEN");
        await c8y.Emulator.WaitForAsync(() => relay.Status == OperationStatus.Executing, Wait, "the relay EXECUTING");

        gateway.Kill9();
        c8y.StartGateway(board.PortPath);

        await c8y.Emulator.WaitForAsync(() => relay.Status == OperationStatus.Failed, Wait, "the relay FAILED");
        Assert.Contains("the gateway restarted", relay.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_graceful_stop_tells_cumulocity_itself()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath);
        await c8y.ChildAsync();

        Assert.Equal(0, await gateway.StopAsync());

        var gatewayDevice = c8y.Emulator.Device(CumulocityScenario.GatewayId);
        Assert.Contains(gatewayDevice.Events, e => e.Type == "c8y_ConnectionEvent");
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(CumulocityScenario.GatewayId).ConnectionStatus == "DISCONNECTED", Wait, "disconnected");
    }
}
