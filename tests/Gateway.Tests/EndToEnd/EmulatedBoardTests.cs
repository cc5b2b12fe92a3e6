using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// The first path end to end: the real sensor-node firmware on an emulated Uno → pseudo-terminal → the
/// gateway → a real Mosquitto → a subscriber.
/// </summary>
public sealed class EmulatedBoardTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_reading_reaches_the_broker_with_the_voltage_the_test_chose()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var board = await scenario.StartBoardAsync("uno", new Dictionary<int, int> { [0] = 750, [1] = 2500 });
        scenario.StartGateway([board.PortPath]);

        var meta = (await probe.WaitForAsync(m => m.Topic.EndsWith("/meta", StringComparison.Ordinal), Wait, "the board's metadata is published")).Json;
        var deviceId = meta.GetProperty("device").GetString()!;
        Assert.Matches("^[0-9A-F]{16}$", deviceId);
        Assert.Equal("sensor-node", meta.GetProperty("firmware").GetString());
        var reading = (await probe.WaitForAsync(m => m.Topic == $"{scenario.Root}/devices/{deviceId}/readings", Wait, "a reading arrives")).Json;

        // TMP36: (mV - 500) / 10 °C; the 10-bit ADC quantises 750 mV to within 5 mV.
        Assert.InRange(Value(reading, "temp"), 24.5, 25.5);
        Assert.Equal("C", Unit(reading, "temp"));
        Assert.InRange(Value(reading, "light"), 49.8, 50.2);
        Assert.Equal("%", Unit(reading, "light"));
        Assert.Equal(meta.GetProperty("boot").GetString(), reading.GetProperty("boot").GetString());
        Assert.True(reading.GetProperty("checksum").GetBoolean());
        Assert.True(reading.GetProperty("seq").GetUInt32() >= 1);

        await board.SetMillivoltsAsync(0, 1000);
        await probe.WaitForAsync(
            m => m.Topic.EndsWith("/readings", StringComparison.Ordinal) && Value(m.Json, "temp") is > 49.5 and < 50.5,
            Wait,
            "a reading shows 50 °C after the input rose to 1000 mV");
    }

    [Fact]
    public async Task A_set_output_command_reaches_the_board_and_its_ack_comes_back()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var board = await scenario.StartBoardAsync("uno", new Dictionary<int, int> { [0] = 750 });
        scenario.StartGateway([board.PortPath]);
        var deviceId = await OnlineDeviceAsync(probe, scenario);
        var commands = $"{scenario.Root}/devices/{deviceId}/commands";

        var from = board.LineCount;
        await probe.PublishAsync(commands, """{"id":"relay-on","command":"out","pin":7,"state":1}""");
        var result = await ResultAsync(probe, commands, "relay-on");
        Assert.Equal("ok", result.GetProperty("status").GetString());
        Assert.Equal("7", result.GetProperty("result").GetProperty("pin").GetString());
        Assert.Equal("1", result.GetProperty("result").GetProperty("state").GetString());
        await board.WaitForOutputAsync(7, high: true, TimeSpan.FromSeconds(5), from);

        await probe.PublishAsync(commands, "out 4 1");
        var refused = await probe.WaitForAsync(
            m => m.Topic == commands + "/result" && m.Json.GetProperty("command").GetString() == "out" && m.Json.GetProperty("status").GetString() != "ok",
            Wait,
            "the board refuses a pin that is not an output");
        Assert.Equal("rejected", refused.Json.GetProperty("status").GetString());
        Assert.Equal("badarg", refused.Json.GetProperty("reason").GetString());

        await probe.PublishAsync(commands, """{"id":"bad","command":"interval","ms":5}""");
        var invalid = await ResultAsync(probe, commands, "bad");
        Assert.Equal("invalid", invalid.GetProperty("status").GetString());

        await probe.PublishAsync($"{scenario.Root}/devices/0000000000000000/commands", """{"id":"ghost","command":"read"}""");
        var offline = await ResultAsync(probe, $"{scenario.Root}/devices/0000000000000000/commands", "ghost");
        Assert.Equal("offline", offline.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_killed_board_goes_offline_and_comes_back_online_with_a_new_boot_id()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var board = await scenario.StartBoardAsync("uno", new Dictionary<int, int> { [0] = 750 });
        scenario.StartGateway([board.PortPath], "--set", "Serial:ReopenMinMs=100");
        var deviceId = await OnlineDeviceAsync(probe, scenario);
        var topics = $"{scenario.Root}/devices/{deviceId}";
        var firstBoot = (await probe.WaitForAsync(m => m.Topic == topics + "/meta", Wait, "the board's metadata is published")).Json.GetProperty("boot").GetString();

        board.Kill9();
        await probe.WaitForAsync(m => m.Topic == topics + "/availability" && m.Text == "offline", Wait, "the device goes offline when its board dies");

        var seen = probe.Count;
        var again = await scenario.StartBoardAsync("uno", new Dictionary<int, int> { [0] = 750 });
        await probe.WaitForAsync(
            m => m.Topic == topics + "/availability" && m.Text == "online", Wait, "the device is online again", seen);
        var meta = await probe.WaitForAsync(
            m => m.Topic == topics + "/meta", Wait, "the restarted board's metadata is published", seen);
        Assert.NotEqual(firstBoot, meta.Json.GetProperty("boot").GetString());
        await probe.WaitForAsync(
            m => m.Topic == topics + "/readings" && m.Json.GetProperty("boot").GetString() == meta.Json.GetProperty("boot").GetString(),
            Wait,
            "readings of the new boot arrive",
            seen);
        GC.KeepAlive(again);
    }

    [Fact]
    public async Task Two_boards_are_read_at_once_as_two_devices()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var a = await scenario.StartBoardAsync("uno-a", new Dictionary<int, int> { [0] = 700 });
        var b = await scenario.StartBoardAsync("uno-b", new Dictionary<int, int> { [0] = 800 });
        scenario.StartGateway([a.PortPath, b.PortPath]);

        await Eventually.TrueAsync(
            () => probe.Messages.Where(m => m.Topic.EndsWith("/readings", StringComparison.Ordinal)).Select(m => m.Json.GetProperty("device").GetString()).Distinct().Count() == 2,
            Wait,
            "readings of both boards arrive");
        var temps = probe.Messages.Where(m => m.Topic.EndsWith("/readings", StringComparison.Ordinal))
            .GroupBy(m => m.Json.GetProperty("device").GetString())
            .Select(g => Value(g.First().Json, "temp"))
            .OrderBy(t => t)
            .ToList();
        Assert.InRange(temps[0], 19.5, 20.5);
        Assert.InRange(temps[1], 29.5, 30.5);
    }

    [Fact]
    public async Task A_board_moved_to_another_port_is_the_same_device()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var eeprom = scenario.Directory.File("moving.eeprom");
        var board = scenario.Track(await EmulatedBoard.StartAsync(scenario.Directory.File("tty-left"), eeprom, new Dictionary<int, int> { [0] = 750 }));
        scenario.StartGateway([], "--set", $"Serial:DiscoveryPatterns:0={scenario.Directory.Path}/tty-*", "--set", "Serial:DiscoveryIntervalSeconds=1");
        var deviceId = await OnlineDeviceAsync(probe, scenario);

        board.Kill9();
        File.Delete(board.PortPath);
        var seen = probe.Count;
        scenario.Track(await EmulatedBoard.StartAsync(scenario.Directory.File("tty-right"), eeprom, new Dictionary<int, int> { [0] = 750 }));
        var meta = await probe.WaitForAsync(
            m => m.Topic.EndsWith("/meta", StringComparison.Ordinal) && m.Json.GetProperty("port").GetString()!.EndsWith("tty-right", StringComparison.Ordinal),
            Wait,
            "the board is found on its new port",
            seen);
        Assert.Equal(deviceId, meta.Json.GetProperty("device").GetString());
    }

    internal static async Task<string> OnlineDeviceAsync(MqttProbe probe, Scenario scenario)
    {
        var online = await probe.WaitForAsync(
            m => m.Topic.StartsWith(scenario.Root + "/devices/", StringComparison.Ordinal) && m.Topic.EndsWith("/availability", StringComparison.Ordinal) && m.Text == "online",
            Wait,
            "a device comes online");
        return online.Topic.Split('/')[3];
    }

    private static async Task<JsonElement> ResultAsync(MqttProbe probe, string commandTopic, string id) =>
        (await probe.WaitForAsync(
            m => m.Topic == commandTopic + "/result" && m.Json.GetProperty("id").GetString() == id,
            Wait,
            $"the result of command {id} is published")).Json;

    internal static double Value(JsonElement reading, string sensor) =>
        reading.GetProperty("values").EnumerateArray().First(v => v.GetProperty("sensor").GetString() == sensor).GetProperty("value").GetDouble();

    private static string? Unit(JsonElement reading, string sensor) =>
        reading.GetProperty("values").EnumerateArray().First(v => v.GetProperty("sensor").GetString() == sensor).GetProperty("unit").GetString();
}
