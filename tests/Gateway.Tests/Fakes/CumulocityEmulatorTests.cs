using System.Net;
using System.Net.NetworkInformation;
using Gateway.Tests.Fakes.Cumulocity;
using MQTTnet;
using MQTTnet.Formatter;

namespace Gateway.Tests.Fakes;

/// <summary>The Cumulocity emulator, driven by a plain MQTT client: registration, CONNECT checks, server lifecycle.</summary>
public sealed partial class CumulocityEmulatorTests
{
    private const string GatewayId = "gw-1";
    private const string User = "device_gw-1";
    private const string Password = "s3cret";

    [Fact]
    public async Task A_valid_registration_sequence_builds_the_inventory_without_violations()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, $"d:{GatewayId}");

        await gateway.PublishAsync("s/us", "100,Edge Gateway,c8y_EdgeGateway\n110,SN-77,Raspberry Pi 4,1.2\n122,arduino-gateway,0.1.0,,Gateway team\n115,gateway,0.1.0\n114,c8y_Restart,c8y_Command\n117,5");
        await gateway.PublishAsync("s/us", "101,gw-1:device:0011,Arduino 0011,c8y_Arduino");
        await gateway.PublishAsync("s/us/gw-1:device:0011", "110,0011,Uno,R3\n114,c8y_Relay,c8y_Restart\n117,2\n115,sensor-node,1.4");
        await gateway.PublishAsync("s/us/gw-1:device:0011", "201,c8y_SensorReading,2024-05-06T12:00:00.250Z,c8y_Temperature,T,21.50,C,c8y_Humidity,h,40,%");
        await gateway.PublishAsync("s/us", "500");
        await emulator.WaitForAsync(() => emulator.FindDevice("gw-1:device:0011")?.Measurements.Count == 1);

        emulator.AssertNoViolations();
        var root = emulator.Device(GatewayId);
        Assert.Equal(("Edge Gateway", "c8y_EdgeGateway", true, "CONNECTED"), (root.Name, root.Type, root.IsAgent, root.ConnectionStatus));
        Assert.Equal(("SN-77", "Raspberry Pi 4", "1.2"), root.Hardware);
        Assert.Equal(("arduino-gateway", "0.1.0", "", "Gateway team"), root.Agent);
        Assert.Equal(("gateway", "0.1.0", ""), root.Firmware);
        Assert.Equal(["c8y_Restart", "c8y_Command"], root.SupportedOperations);
        Assert.Equal(5, root.RequiredAvailability);
        Assert.Equal(["gw-1:device:0011"], root.Children);

        var child = emulator.Device("gw-1:device:0011");
        Assert.Equal((GatewayId, "Arduino 0011", "c8y_Arduino", true, false, (string?)null), (child.ParentId, child.Name, child.Type, child.IsDevice, child.IsAgent, child.ConnectionStatus));
        Assert.Equal(["c8y_Relay", "c8y_Restart"], child.SupportedOperations);
        Assert.Equal(2, child.RequiredAvailability);
        Assert.Equal(("sensor-node", "1.4", ""), child.Firmware);
        var measurement = Assert.Single(child.Measurements);
        Assert.Equal(("c8y_SensorReading", new DateTimeOffset(2024, 5, 6, 12, 0, 0, 250, TimeSpan.Zero)), (measurement.Type, measurement.Time!.Value));
        Assert.Equal(new EmulatedSeries("c8y_Temperature", "T", 21.5, "C"), measurement.Find("c8y_Temperature", "T"));
        Assert.Equal(new EmulatedSeries("c8y_Humidity", "h", 40, "%"), measurement.Find("c8y_Humidity", "h"));
    }

    [Fact]
    public async Task Every_upstream_vector_of_the_reference_is_accepted()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);
        string[] vectors =
        [
            "100,myDevice,myType", "100,,myType", "100", "100,\"This value, needs escaping\",This value does not need escaping",
            "101,uniqueChildId,myChildDevice,myChildType,true", "101,uniqueChildId,myChildDevice,myChildType,false",
            "101,test-device:device:child1,child1,thin-edge.io-child,false", "102,myDatabaseDevice,systemd,DatabaseService,up",
            "102,test-device:device:main:service:collectd,systemd,Collectd,up", "104,up", "105", "107,c8y_Position,c8y_Configuration",
            "110,1234567890,myModel,1.2.3", "111,1234567890,,54353", "112,50.323423,6.423423", "113,\"val1=1\\nval2=2\"",
            "114,c8y_Restart,c8y_Configuration,c8y_SoftwareList", "114,c8y_SoftwareUpdate,c8y_LogfileRequest",
            "115,firmwareName,firmwareVersion,firmwareUrl", "115,ubuntu core,20.04.3,http://test.com",
            "116,software1,version1,url1,software2,,url2,software3,version3", "117,60", "117,15", "117,0", "118,ntcagent,dmesg,logread",
            "119,modbus,system", "120,myType,http://www.my.url,config.bin,2020-07-22T17:03:14.000+02:00", "120,typeA,http://www.my.url",
            "121,true,8473", "121,true", "122,thin-edge.io,0.6,https://thin-edge.io,Cumulocity", "123", "125", "600",
            "140,a,,debian,,b,1.0,debian,", "141,c,,debian,https://foobar.io/c.deb,d,beta,debian,https://foobar.io/d.deb",
            "142,docker,3.2.1,nginx,1.6", "143,yum,docker", "150,ssh,vnc", "200,c8y_Temperature,T,25",
            "201,KamstrupA220Reading,2022-03-19T12:03:27.845Z,c8y_SinglePhaseEnergyMeasurement,A+:1,1234,kWh,c8y_SinglePhaseEnergyMeasurement,A-:1,2345,kWh",
            "210,-90,23,2016-06-22T17:03:14.000+02:00", "211,25,2016-06-22T17:03:14.000+02:00", "212,95,2016-06-22T17:03:14.000+02:00",
            "301,c8y_TemperatureAlarm", "302,c8y_TemperatureAlarm,\"This is an alarm\"", "304,c8y_TemperatureAlarm,,2013-06-22T17:03:14.000+02:00",
            "301,temperature_alarm,I raised it,2021-04-23T19:00:00+05:00", "305,c8y_TemperatureAlarm,CRITICAL", "306,c8y_TemperatureAlarm",
            "307,c8y_TemperatureAlarm,c8y_Position,c8y_Configuration", "400,c8y_MyEvent,\"Something was triggered\"",
            "401,51.151977,6.95173,67", "402,51.151977,6.95173,67", "407,c8y_MyEvent,c8y_Position,c8y_Configuration",
            "408,,,,c8y_RelayStatus.left,BOOLEAN,true,c8y_RelayStatus.right,BOOLEAN,false", "400,c8y_ConnectionEvent,\"Device connection was lost.\"", "500",
        ];

        foreach (var vector in vectors)
        {
            await gateway.PublishAsync("s/us", vector);
        }

        await gateway.PublishAsync("s/us/child1", "114,c8y_Command");
        await gateway.PublishAsync("s/us/immediate_child", "101,nested_child,nested_child,thin-edge.io-child,false");
        await gateway.PublishAsync("s/us/nested_child", "303,ThinEdgeAlarm,Temperature high,2023-10-13T15:00:07.172674353Z");
        await emulator.WaitForAsync(() => emulator.FindDevice("nested_child")?.Alarms.Count == 1);

        emulator.AssertNoViolations();
        Assert.Equal("immediate_child", emulator.Device("nested_child").ParentId);
        Assert.False(emulator.Device("nested_child").IsDevice);
        Assert.Equal(new DateTimeOffset(2023, 10, 13, 15, 0, 7, TimeSpan.Zero).AddTicks(1726743), emulator.Device("nested_child").Alarms[0].Time);
        Assert.Equal(("myDevice", "myType"), (emulator.Device(GatewayId).Name, emulator.Device(GatewayId).Type));
        Assert.Equal(60, emulator.Device(GatewayId).RequiredAvailability);
        Assert.Equal(["c8y_Command"], emulator.Device("child1").SupportedOperations);
        await gateway.WaitForAsync("s/e", p => p == "41,100,Device already existing");
        await gateway.WaitForAsync("s/ds", p => p.StartsWith("124,", StringComparison.Ordinal));
        await gateway.WaitForAsync("s/ds", p => p.StartsWith("601,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gw-1", "gw-1")]
    [InlineData("d:gw-1", "gw-1")]
    [InlineData("d:gw-1:myTemplates", "gw-1")]
    public async Task Client_ids_name_the_device_with_or_without_prefix_and_template(string clientId, string deviceId)
    {
        await using var emulator = await StartAsync();
        await using var client = await ConnectAsync(emulator, clientId);

        await client.PublishAsync("s/us", "125");

        await emulator.WaitForAsync(() => emulator.FindDevice(deviceId) is not null);
    }

    [Theory]
    [InlineData("a:b", MqttClientConnectResultCode.ClientIdentifierNotValid)]
    [InlineData("d:a:b:c", MqttClientConnectResultCode.ClientIdentifierNotValid)]
    [InlineData("d:", MqttClientConnectResultCode.ClientIdentifierNotValid)]
    public async Task Malformed_client_ids_are_refused(string clientId, MqttClientConnectResultCode expected)
    {
        await using var emulator = await StartAsync();

        Assert.Equal(expected, await EmulatorClient.TryConnectAsync(EmulatorClient.Options(emulator, clientId, $"{emulator.Tenant}/{User}", Password)));
        Assert.Single(emulator.RefusedConnections);
        Assert.Equal(0, emulator.ConnectionCount);
    }

    [Theory]
    [InlineData("t100200/device_gw-1", "wrong")]
    [InlineData("t999/device_gw-1", Password)]
    [InlineData("device_gw-1", Password)]
    [InlineData(null, null)]
    public async Task Bad_credentials_are_refused(string? userName, string? password)
    {
        await using var emulator = await StartAsync();

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await EmulatorClient.TryConnectAsync(EmulatorClient.Options(emulator, GatewayId, userName, password)));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V310)]
    public async Task Only_mqtt_3_1_1_is_accepted(MqttProtocolVersion version)
    {
        await using var emulator = await StartAsync();
        var options = EmulatorClient.Options(emulator, GatewayId, $"{emulator.Tenant}/{User}", Password).WithProtocolVersion(version);

        Assert.Equal(MqttClientConnectResultCode.UnsupportedProtocolVersion, await EmulatorClient.TryConnectAsync(options));
    }

    [Fact]
    public async Task A_persistent_session_is_flagged()
    {
        await using var emulator = await StartAsync();

        await using var client = await EmulatorClient.ConnectAsync(EmulatorClient.Options(emulator, GatewayId, $"{emulator.Tenant}/{User}", Password).WithCleanSession(false));

        Assert.Contains("clean session", Assert.Single(emulator.Violations).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gw-1", "gw-1")]
    [InlineData("gw-1", "d:gw-1")]
    [InlineData("d:gw-1:xid", "gw-1")]
    public async Task A_second_connection_of_the_same_device_displaces_the_first(string first, string second)
    {
        await using var emulator = await StartAsync();
        await using var older = await ConnectAsync(emulator, first);
        var disconnected = new TaskCompletionSource();
        older.Client.DisconnectedAsync += _ =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        await using var newer = await ConnectAsync(emulator, second);

        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await emulator.WaitForAsync(() => emulator.ConnectionCount == 1);
        Assert.True(newer.Client.IsConnected);
        Assert.Equal(2, emulator.AcceptedConnections);
        await newer.PublishAsync("s/us", "400,c8y_Test,still here");
        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.Events.Any(e => e.Type == "c8y_Test") == true);
    }

    [Fact]
    public async Task Stopping_the_server_drops_clients_and_starting_it_again_keeps_the_inventory()
    {
        await using var emulator = await StartAsync();
        var client = await ConnectAsync(emulator, GatewayId);
        await client.PublishAsync("s/us", "100,Kept");
        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.ConnectionStatus == "CONNECTED");

        await emulator.StopServerAsync();

        Assert.False(emulator.IsRunning);
        Assert.Equal(0, emulator.ConnectionCount);
        Assert.Equal("DISCONNECTED", emulator.Device(GatewayId).ConnectionStatus);
        await emulator.WaitForAsync(() => !client.Client.IsConnected, what: "the client to notice");
        await Assert.ThrowsAnyAsync<Exception>(() => EmulatorClient.TryConnectAsync(Options(emulator, GatewayId)));

        await emulator.StartServerAsync();
        await using var again = await ConnectAsync(emulator, GatewayId);

        Assert.Equal("Kept", emulator.Device(GatewayId).Name);
        Assert.Equal("CONNECTED", emulator.Device(GatewayId).ConnectionStatus);
        client.Client.Dispose();
    }

    [Fact]
    public async Task It_listens_on_loopback_only_and_stops_when_disposed()
    {
        var emulator = await StartAsync(new CumulocityEmulatorOptions { EnableTls = true });
        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();

        Assert.All(
            listeners.Where(l => l.Port == emulator.Port || l.Port == emulator.TlsPort),
            l => Assert.True(IPAddress.IsLoopback(l.Address), $"{l} is not loopback"));
        Assert.Equal(2, listeners.Count(l => l.Port == emulator.Port || l.Port == emulator.TlsPort));

        await emulator.DisposeAsync();

        Assert.DoesNotContain(IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners(), l => l.Port == emulator.Port);
    }

    private static async Task<CumulocityEmulator> StartAsync(CumulocityEmulatorOptions? options = null)
    {
        options ??= new CumulocityEmulatorOptions();
        var emulator = await CumulocityEmulator.StartAsync(options);
        emulator.AddDeviceUser(User, Password);
        return emulator;
    }

    private static MqttClientOptionsBuilder Options(CumulocityEmulator emulator, string clientId) =>
        EmulatorClient.Options(emulator, clientId, $"{emulator.Tenant}/{User}", Password);

    /// <summary>Connects with the device user and subscribes to <c>s/ds</c> and <c>s/e</c>.</summary>
    private static async Task<EmulatorClient> ConnectAsync(CumulocityEmulator emulator, string clientId, MqttClientOptionsBuilder? options = null)
    {
        var client = await EmulatorClient.ConnectAsync(options ?? Options(emulator, clientId));
        Assert.All(await client.SubscribeAsync("s/ds", "s/e"), r => Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, r));
        return client;
    }
}
