using Gateway.Tests.Fakes.Cumulocity;
using Gateway.Tests.Faults;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// The Cumulocity uplink end to end: the real sensor-node firmware on an emulated Uno → the gateway
/// process → the Cumulocity emulator, which checks every row against the static templates.
/// </summary>
public sealed class CumulocityTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_board_becomes_a_child_with_its_firmware_and_operations_and_its_readings_become_measurements()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync(millivoltsA0: 750);
        c8y.StartGateway(board.PortPath, "Health:IntervalSeconds=1");

        var child = await c8y.ChildAsync();
        var gateway = c8y.Emulator.Device(CumulocityScenario.GatewayId);
        Assert.Contains("c8y_Restart", gateway.SupportedOperations);
        Assert.NotNull(gateway.Agent);
        Assert.Equal(10, gateway.RequiredAvailability);
        Assert.Equal("sensor-node", child.Firmware!.Value.Name);
        Assert.NotEmpty(child.Firmware!.Value.Version);
        Assert.Equal(["c8y_Restart", "c8y_Relay", "c8y_Configuration", "c8y_MeasurementRequestOperation", "c8y_Command"], child.SupportedOperations);
        Assert.StartsWith(CumulocityScenario.GatewayId + ":", child.ExternalId, StringComparison.Ordinal);
        Assert.Equal(CumulocityScenario.GatewayId, child.ParentId);

        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Measurements.Count >= 2, Wait, "measurements");
        var measurement = c8y.Emulator.Device(child.ExternalId).Measurements[^1];
        var temperature = measurement.Find("c8y_Temperature", "T")!;
        Assert.InRange(temperature.Value, 24.5, 25.5);
        Assert.Equal("C", temperature.Unit);
        Assert.InRange(measurement.Find("c8y_Light", "e")?.Value ?? measurement.Series[1].Value, 49.8, 50.2);
        Assert.NotNull(measurement.Time);
        Assert.InRange(measurement.Time!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        c8y.Emulator.AssertNoViolations();

        // The health report (what `gateway status` shows) has the Cumulocity uplink, connected, with acknowledged records.
        await Eventually.TrueAsync(
            () => FaultKit.ReadHealth(c8y.Scenario) is { } h && h.GetProperty("uplinks").EnumerateArray().Any(
                u => u.GetProperty("name").GetString() == "cumulocity" && u.GetProperty("connected").GetBoolean() && u.GetProperty("acknowledged").GetInt64() >= 2),
            Wait,
            "health.json shows the Cumulocity uplink connected with acknowledged records");
    }

    [Fact]
    public async Task A_threshold_alarm_is_raised_once_and_cleared_when_the_voltage_drops()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync(millivoltsA0: 750);
        c8y.StartGateway(
            board.PortPath,
            "Cumulocity:Thresholds:0:Sensor=temp",
            "Cumulocity:Thresholds:0:Above=40",
            "Cumulocity:Thresholds:0:Hysteresis=2",
            "Cumulocity:Thresholds:0:Severity=CRITICAL",
            "Cumulocity:Thresholds:0:Type=c8y_TemperatureHigh");
        var child = await c8y.ChildAsync();
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Measurements.Count >= 1, Wait, "a measurement");
        Assert.Null(c8y.Emulator.Device(child.ExternalId).ActiveAlarm("c8y_TemperatureHigh"));

        await board.SetMillivoltsAsync(0, 1000); // 50 °C
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).ActiveAlarm("c8y_TemperatureHigh") is not null, Wait, "the alarm");
        var count = c8y.Emulator.Device(child.ExternalId).Measurements.Count;
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Measurements.Count >= count + 3, Wait, "more hot readings");
        var alarm = c8y.Emulator.Device(child.ExternalId).ActiveAlarm("c8y_TemperatureHigh")!;
        Assert.Equal("CRITICAL", alarm.Severity);
        Assert.Equal(1, alarm.Count);

        await board.SetMillivoltsAsync(0, 700); // 20 °C
        await c8y.Emulator.WaitForAsync(
            () => c8y.Emulator.Device(child.ExternalId).Alarms.Any(a => a.Type == "c8y_TemperatureHigh" && a.Status == AlarmStatus.Cleared),
            Wait,
            "the alarm cleared");
        Assert.Null(c8y.Emulator.Device(child.ExternalId).ActiveAlarm("c8y_TemperatureHigh"));
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_relay_operation_switches_the_board_and_succeeds_with_the_new_state_and_an_unsupported_one_fails()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        c8y.StartGateway(board.PortPath);
        var child = await c8y.ChildAsync();

        var from = board.LineCount;
        var relay = c8y.Emulator.CreateRelay(child.ExternalId, "CLOSED");
        await board.WaitForOutputAsync(7, high: true, Wait, from);
        await c8y.Emulator.WaitForAsync(() => relay.Status == OperationStatus.Successful, Wait, "the relay operation SUCCESSFUL");
        Assert.Equal([OperationStatus.Pending, OperationStatus.Executing, OperationStatus.Successful], relay.History);
        Assert.Equal("CLOSED", c8y.Emulator.Device(child.ExternalId).RelayState);

        var logs = c8y.Emulator.CreateOperation(child.ExternalId, "522", "syslog", "2021-09-21T11:40:27+0200", "2021-09-22T11:40:27+0200", "ERROR", "1000");
        await c8y.Emulator.WaitForAsync(() => logs.Status == OperationStatus.Failed, Wait, "the unsupported operation FAILED");
        Assert.Equal([OperationStatus.Pending, OperationStatus.Executing, OperationStatus.Failed], logs.History);
        Assert.Equal("not supported", logs.FailureReason);
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Killing_the_gateway_fires_its_last_will()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath);
        await c8y.ChildAsync();
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(CumulocityScenario.GatewayId).ConnectionStatus == "CONNECTED", Wait, "connected");

        gateway.Kill9();

        await c8y.Emulator.WaitForAsync(
            () => c8y.Emulator.Device(CumulocityScenario.GatewayId).Events.Any(e => e.Type == "c8y_ConnectionEvent"), Wait, "the last will");
        Assert.Equal("Device connection was lost.", c8y.Emulator.Device(CumulocityScenario.GatewayId).Events.First(e => e.Type == "c8y_ConnectionEvent").Text);
    }

    [Fact]
    public async Task Nothing_is_lost_while_the_cloud_is_unreachable()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        c8y.StartGateway(board.PortPath);
        var child = await c8y.ChildAsync();
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Measurements.Count >= 2, Wait, "measurements");

        await c8y.Emulator.StopServerAsync();
        var down = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        var up = DateTimeOffset.UtcNow;
        await c8y.Emulator.StartServerAsync();

        await c8y.Emulator.WaitForAsync(
            () => c8y.Emulator.Device(child.ExternalId).Measurements.Any(m => m.Time > up.AddSeconds(2)), Wait, "measurements after the outage");
        var times = c8y.Emulator.Device(child.ExternalId).Measurements.Select(m => m.Time!.Value).Order().ToList();
        Assert.Contains(times, t => t > down.AddSeconds(1) && t < up.AddSeconds(-1));
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] < TimeSpan.FromSeconds(4), $"a gap of {(times[i] - times[i - 1]).TotalSeconds:0.0} s before {times[i]:O}: readings were lost");
        }

        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_board_that_goes_away_and_comes_back_becomes_events_and_is_registered_again()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath);
        var child = await c8y.ChildAsync();
        var registrations = Registrations(c8y, child.ExternalId);

        board.Kill9();
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Events.Any(e => e.Type == "c8y_BoardOffline"), Wait, "the offline event");
        await c8y.StartBoardAsync();

        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Events.Any(e => e.Type == "c8y_BoardOnline"), Wait, "the online event");
        await c8y.Emulator.WaitForAsync(() => Registrations(c8y, child.ExternalId) > registrations, Wait, "the board registered again");
        Assert.Single(c8y.Emulator.Device(CumulocityScenario.GatewayId).Children);
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_cloud_that_is_unreachable_at_start_is_waited_for()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        await c8y.Emulator.StopServerAsync();
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGateway(board.PortPath);
        await gateway.WaitForLogAsync("cumulocity: cannot connect", Wait);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(gateway.HasExited);

        await c8y.Emulator.StartServerAsync();

        var child = await c8y.ChildAsync();
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.Device(child.ExternalId).Measurements.Count >= 2, Wait, "the readings taken meanwhile");
        Assert.True(c8y.Emulator.Device(child.ExternalId).Measurements[0].Time < DateTimeOffset.UtcNow.AddSeconds(-2));
        c8y.Emulator.AssertNoViolations();
    }

    private static int Registrations(CumulocityScenario c8y, string childId) =>
        c8y.Emulator.Upstream.Count(m => m.Topic == "s/us" && m.Payload.Contains("101," + childId, StringComparison.Ordinal));
}
