using System.Text;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Tests.Fakes.Cumulocity;
using MQTTnet.Protocol;

namespace Gateway.Tests.Fakes;

/// <summary>Operations: push, lifecycle by fragment and by id, redelivery, offline queuing; alarms.</summary>
public sealed partial class CumulocityEmulatorTests
{
    [Fact]
    public async Task An_operation_goes_pending_executing_successful()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);

        var restart = emulator.CreateRestart(GatewayId);

        Assert.Equal("510,gw-1", await gateway.WaitForAsync("s/ds", p => p.StartsWith("510", StringComparison.Ordinal)));
        Assert.Equal(1, restart.Deliveries);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, Assert.Single(gateway.Received, r => r.Topic == "s/ds").QualityOfService);
        await gateway.PublishAsync("s/us", "501,c8y_Restart");
        await emulator.WaitForAsync(() => restart.Status == OperationStatus.Executing);
        await gateway.PublishAsync("s/us", "503,c8y_Restart");
        await emulator.WaitForAsync(() => restart.Status == OperationStatus.Successful);

        Assert.Equal([OperationStatus.Pending, OperationStatus.Executing, OperationStatus.Successful], restart.History);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_failure_keeps_its_reason()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        var update = emulator.CreateOperation(GatewayId, "528", "softwareA", "1.0", "url1", "install");

        await gateway.PublishAsync("s/us", "501,c8y_SoftwareUpdate\n502,c8y_SoftwareUpdate,\"Failed due to permi\"\"ssion.\"");

        await emulator.WaitForAsync(() => update.Status == OperationStatus.Failed);
        Assert.Equal("Failed due to permi\"ssion.", update.FailureReason);
        Assert.Equal([OperationStatus.Pending, OperationStatus.Executing, OperationStatus.Failed], update.History);
    }

    [Fact]
    public async Task Operations_travel_through_the_gateway_codec_both_ways()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        const string Text = "echo \"a,b\"\nprintf 'x\\ty'";
        var command = emulator.CreateCommand(GatewayId, Text);

        var pushed = await gateway.WaitForAsync("s/ds", p => p.StartsWith("511", StringComparison.Ordinal));
        Assert.Equal("511,gw-1,\"echo \\\"a,b\\\"\nprintf 'x\\ty'\"", pushed);
        Assert.True(SmartRestReader.TryReadAll(Encoding.UTF8.GetBytes(pushed), SmartRestQuoteEscape.DoubledOrBackslash, out var rows, out var error), error);
        Assert.True(SmartRestDecoder.TryDecodeOperation(Assert.Single(rows), out var operation, out error), error);
        Assert.Equal(new CommandOperation(GatewayId, Text), operation);

        const string Output = "a,b\n \"quoted\" \t";
        await gateway.PublishAsync("s/us", $"{UpstreamRows.Executing("c8y_Command").Text}\n{UpstreamRows.CommandSuccessful(Output).Text}");

        await emulator.WaitForAsync(() => command.Status == OperationStatus.Successful);
        Assert.Equal([Output], command.Result);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Child_operations_come_on_the_gateway_subscription_and_are_answered_on_the_child_topic()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        await gateway.PublishAsync("s/us", "101,gw-1:device:0011,Arduino");
        await emulator.WaitForAsync(() => emulator.FindDevice("gw-1:device:0011") is not null);

        var relay = emulator.CreateRelay("gw-1:device:0011", "CLOSED");
        var array = emulator.CreateRelayArray("gw-1:device:0011", "OPEN", "CLOSED");

        await gateway.WaitForAsync("s/ds", p => p == "518,gw-1:device:0011,CLOSED");
        await gateway.WaitForAsync("s/ds", p => p == "519,gw-1:device:0011,OPEN,CLOSED");
        await gateway.PublishAsync("s/us", "501,c8y_Relay");
        await emulator.WaitForAsync(() => emulator.Violations.Count == 1, what: "501 on the gateway topic to miss the child's operation");
        await gateway.PublishAsync("s/us/gw-1:device:0011", "501,c8y_Relay\n501,c8y_RelayArray");
        await gateway.PublishAsync("inventory/managedObjects/update/gw-1:device:0011", "{\"c8y_Relay\":{\"relayState\":\"CLOSED\"}}");
        await gateway.PublishAsync("s/us/gw-1:device:0011", "503,c8y_Relay\n503,c8y_RelayArray,OPEN,CLOSED");

        await emulator.WaitForAsync(() => array.Status == OperationStatus.Successful);
        Assert.Equal(OperationStatus.Successful, relay.Status);
        var child = emulator.Device("gw-1:device:0011");
        Assert.Equal("CLOSED", child.RelayState);
        Assert.Equal(["OPEN", "CLOSED"], child.RelayArray);
        Assert.Equal("CLOSED", child.Fragments["c8y_Relay"]!["relayState"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_oldest_operation_of_a_fragment_moves_first_and_507_fails_every_executing_one()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        var first = emulator.CreateCommand(GatewayId, "one");
        var second = emulator.CreateCommand(GatewayId, "two");
        var restart = emulator.CreateRestart(GatewayId);

        await gateway.PublishAsync("s/us", "501,c8y_Command\n501,c8y_Restart");
        await emulator.WaitForAsync(() => restart.Status == OperationStatus.Executing);
        Assert.Equal((OperationStatus.Executing, OperationStatus.Pending), (first.Status, second.Status));
        await gateway.PublishAsync("s/us", "507,,\"Unexpected device restart\"");

        await emulator.WaitForAsync(() => restart.Status == OperationStatus.Failed);
        Assert.Equal((OperationStatus.Failed, OperationStatus.Pending), (first.Status, second.Status));
        Assert.Equal("Unexpected device restart", first.FailureReason);
    }

    [Fact]
    public async Task Operations_can_be_moved_by_id()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        var command = emulator.CreateCommand(GatewayId, "ls");

        await gateway.PublishAsync("s/us", $"504,{command.Id}\n506,{command.Id},listing");

        await emulator.WaitForAsync(() => command.Status == OperationStatus.Successful);
        Assert.Equal(["listing"], command.Result);
        await gateway.PublishAsync("s/us", "505,9999,nope");
        await emulator.WaitForAsync(() => emulator.Violations.Count == 1);
    }

    [Fact]
    public async Task Id_based_updates_of_a_child_operation_go_on_the_gateway_topic()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        await gateway.PublishAsync("s/us", "101,gw-1:device:0011,Arduino");
        await emulator.WaitForAsync(() => emulator.FindDevice("gw-1:device:0011") is not null);
        var restart = emulator.CreateRestart("gw-1:device:0011");

        await gateway.PublishAsync("s/us/gw-1:device:0011", $"504,{restart.Id}");
        await emulator.WaitForAsync(() => emulator.Violations.Count == 1);
        await gateway.PublishAsync("s/us", $"504,{restart.Id}\n505,{restart.Id},\"Board did not come back\"");

        await emulator.WaitForAsync(() => restart.Status == OperationStatus.Failed);
        Assert.Equal("Board did not come back", restart.FailureReason);
        Assert.Contains("No operation", emulator.Violations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_created_while_offline_wait_for_500_and_500_pushes_them_again()
    {
        await using var emulator = await StartAsync();
        emulator.RegisterDevice(GatewayId);
        var restart = emulator.CreateRestart(GatewayId);
        Assert.Equal(0, restart.Deliveries);

        await using var gateway = await ConnectAsync(emulator, GatewayId);
        await gateway.PublishAsync("s/us", "125");
        await emulator.WaitForAsync(() => emulator.Upstream.Count == 1);
        Assert.Equal(0, restart.Deliveries);

        await gateway.PublishAsync("s/us", "500");
        await emulator.WaitForAsync(() => restart.Deliveries == 1);
        await gateway.PublishAsync("s/us", "500");
        await emulator.WaitForAsync(() => restart.Deliveries == 2);
        await gateway.PublishAsync("s/us", "501,c8y_Restart\n500");
        await emulator.WaitForAsync(() => emulator.Upstream.Count == 4);

        Assert.Equal(2, restart.Deliveries);
        Assert.Equal(2, gateway.Received.Count(r => r == new ReceivedMessage("s/ds", "510,gw-1", MqttQualityOfServiceLevel.AtLeastOnce)));
    }

    [Fact]
    public async Task A_pending_operation_can_be_pushed_again_to_test_duplicate_delivery()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);
        var relay = emulator.CreateRelay(GatewayId, "OPEN");

        emulator.PushAgain(relay);

        await emulator.WaitForAsync(() => relay.Deliveries == 2);
        await gateway.PublishAsync("s/us", "501,c8y_Relay");
        await emulator.WaitForAsync(() => relay.Status == OperationStatus.Executing);
        Assert.Throws<InvalidOperationException>(() => emulator.PushAgain(relay));
    }

    [Fact]
    public async Task Operations_are_not_pushed_to_a_device_that_has_not_subscribed()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await EmulatorClient.ConnectAsync(Options(emulator, GatewayId));
        await gateway.PublishAsync("s/us", "100");
        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId) is not null);

        var restart = emulator.CreateRestart(GatewayId);

        Assert.Equal(0, restart.Deliveries);
        Assert.Equal("DISCONNECTED", emulator.Device(GatewayId).ConnectionStatus);
    }

    [Fact]
    public async Task Pending_operations_can_be_pushed_on_subscribe_when_configured()
    {
        await using var emulator = await StartAsync(new CumulocityEmulatorOptions { PushPendingOnSubscribe = true });
        emulator.RegisterDevice(GatewayId);
        var restart = emulator.CreateRestart(GatewayId);

        await using var gateway = await ConnectAsync(emulator, GatewayId);

        Assert.Equal("510,gw-1", await gateway.WaitForAsync("s/ds", _ => true));
        Assert.Equal(1, restart.Deliveries);
    }

    [Fact]
    public async Task Alarms_follow_cumulocity_semantics()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);

        await gateway.PublishAsync("s/us", "301,c8y_TemperatureAlarm,Too hot,2024-01-01T10:00:00.000Z\n302,c8y_TemperatureAlarm,Changed text,2024-01-01T10:05:00.000Z");
        await gateway.PublishAsync("s/us/gw-1:device:0011", "301,c8y_TemperatureAlarm,Child too hot");
        await emulator.WaitForAsync(() => emulator.FindDevice("gw-1:device:0011")?.Alarms.Count == 1);
        var alarm = Assert.Single(emulator.Device(GatewayId).Alarms);
        Assert.Equal(("CRITICAL", "Too hot", 2, AlarmStatus.Active), (alarm.Severity, alarm.Text, alarm.Count, alarm.Status));
        Assert.Equal((new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 1, 10, 5, 0, TimeSpan.Zero)), (alarm.FirstOccurrenceTime, alarm.Time));

        await gateway.PublishAsync("s/us", "305,c8y_TemperatureAlarm,MAJOR\n306,c8y_TemperatureAlarm\n303,c8y_TemperatureAlarm");
        await emulator.WaitForAsync(() => emulator.Device(GatewayId).Alarms.Count == 2);

        Assert.Equal(("MAJOR", AlarmStatus.Cleared), (alarm.Severity, alarm.Status));
        var again = emulator.Device(GatewayId).ActiveAlarm("c8y_TemperatureAlarm")!;
        Assert.Equal(("MINOR", 1, "Alarm of type c8y_TemperatureAlarm raised"), (again.Severity, again.Count, again.Text));
        Assert.Equal(AlarmStatus.Active, emulator.Device("gw-1:device:0011").Alarms[0].Status);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Transient_rows_are_checked_but_not_stored()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectRegisteredAsync(emulator);

        await gateway.PublishAsync("t/us", "200,c8y_Temperature,T,25");
        await gateway.PublishAsync("c/us", "400,c8y_E,cep only");
        await gateway.PublishAsync("q/us", "200,c8y_Temperature,T,26");

        await emulator.WaitForAsync(() => emulator.Device(GatewayId).Measurements.Count == 1);
        Assert.Equal(26, emulator.Device(GatewayId).Measurements[0].Series[0].Value);
        Assert.Empty(emulator.Device(GatewayId).Events);
        emulator.AssertNoViolations();
    }

    /// <summary>Connects, subscribes and creates the gateway device with <c>100</c>.</summary>
    private static async Task<EmulatorClient> ConnectRegisteredAsync(CumulocityEmulator emulator)
    {
        var gateway = await ConnectAsync(emulator, GatewayId);
        await gateway.PublishAsync("s/us", "100,Gateway,c8y_Gateway");
        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.ConnectionStatus == "CONNECTED");
        return gateway;
    }
}
