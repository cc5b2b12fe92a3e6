using System.Globalization;
using System.Text;
using Gateway.Core.Framing;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>The gateway reading exact byte streams a test writes into a pseudo-terminal.</summary>
public sealed class PtyLinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Lenient_lines_of_an_unmodified_sketch_become_unchecked_readings()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var pty = scenario.OpenPty("lab");
        var gateway = scenario.StartGateway([pty.LinkPath], "--lenient", "--device-id", "lab-1");

        // After opening: bytes already waiting at open are stale by design (the first line is dropped).
        await gateway.WaitForPortOpenedAsync(Wait);
        pty.Write("temperature=21.5 humidity=40\r\nSensor ready, no checksum here\ntemperature:22.0,humidity:41\n");
        var readings = $"{scenario.Root}/devices/lab-1/readings";
        await Eventually.TrueAsync(() => probe.On(readings).Count == 2, Wait, "both lenient readings arrive");
        var first = probe.On(readings)[0].Json;
        var second = probe.On(readings)[1].Json;
        Assert.False(first.GetProperty("checksum").GetBoolean());
        Assert.Equal(21.5, EmulatedBoardTests.Value(first, "temperature"));
        Assert.Equal(40, EmulatedBoardTests.Value(first, "humidity"));
        Assert.Equal(22.0, EmulatedBoardTests.Value(second, "temperature"));
        Assert.Equal(first.GetProperty("seq").GetUInt32() + 1, second.GetProperty("seq").GetUInt32());
        var meta = (await probe.WaitForAsync(m => m.Topic == $"{scenario.Root}/devices/lab-1/meta", Wait, "the board's metadata is published")).Json;
        Assert.Equal("lenient", meta.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Every_valid_frame_among_garbage_reaches_the_broker()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var pty = scenario.OpenPty("noisy");
        var gateway = scenario.StartGateway([pty.LinkPath], "--set", "Serial:HelloWaitMs=200");
        await gateway.WaitForPortOpenedAsync(Wait);

        const int Frames = 300;
        var random = new Random(7);
        var stream = new MemoryStream();
        for (uint seq = 1; seq <= Frames; seq++)
        {
            var noise = new byte[random.Next(0, 120)];
            random.NextBytes(noise);
            stream.Write(noise);
            stream.WriteByte((byte)'\n');
            var t = (20 + (seq % 10)).ToString(CultureInfo.InvariantCulture);
            stream.Write(FrameWriter.ToBytes(new ReadingFrame(seq, [SensorValue.Create("temp", double.Parse(t, CultureInfo.InvariantCulture))])));
        }

        var bytes = stream.ToArray();
        for (var i = 0; i < bytes.Length; i += 997)
        {
            pty.Write(bytes.AsSpan(i, Math.Min(997, bytes.Length - i)));
        }

        var device = "port-noisy";
        var readings = $"{scenario.Root}/devices/{device}/readings";
        await Eventually.TrueAsync(() => probe.On(readings).Count >= Frames, Wait, $"all {Frames} frames arrive");
        var seqs = probe.On(readings).Select(m => m.Json.GetProperty("seq").GetUInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, Frames).Select(i => (uint)i), seqs);
    }

    [Fact]
    public async Task Readings_wait_for_a_broker_that_is_down_at_start()
    {
        await using var scenario = new Scenario();
        var broker = await scenario.StartBrokerAsync(persistence: true);
        var readings = $"{scenario.Root}/devices/port-early/readings";
        await (await MqttProbe.ConnectAsync(broker.Host, broker.Port, "waiting-probe", cleanSession: false, readings)).DisposeAsync();
        await broker.StopAsync();
        var pty = scenario.OpenPty("early");
        var gateway = scenario.StartGateway([pty.LinkPath], "--set", "Serial:HelloWaitMs=100");
        await gateway.WaitForLogAsync("cannot connect", Wait);
        for (uint seq = 1; seq <= 20; seq++)
        {
            pty.Write(FrameWriter.ToBytes(new ReadingFrame(seq, [SensorValue.Create("v", seq)])));
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        await broker.StartAsync();
        await gateway.WaitForLogAsync("mqtt: connected", Wait);
        await using var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port, "waiting-probe", cleanSession: false, readings);
        await Eventually.TrueAsync(() => probe.On(readings).Count >= 20, Wait, "the readings kept while the broker was down arrive");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (uint)i), probe.On(readings).Select(m => m.Json.GetProperty("seq").GetUInt32()));
        Assert.False(gateway.HasExited);
    }

    [Fact]
    public async Task An_invalid_setting_stops_the_gateway_with_a_message_that_names_it()
    {
        using var directory = new TempDirectory();
        using var gateway = GatewayProcess.Start(directory, ["--set", "Mqtt:Port=70000", "--set", "Serial:BaudRate=12345", "--data", directory.File("d")]);
        var exit = await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(78, exit);
        Assert.Contains("Mqtt:Port = '70000': expected a whole number from 0 to 65535", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("Serial:BaudRate = '12345': expected a standard baud rate", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("GATEWAY_Mqtt__Port", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_configuration_file_stops_the_gateway_with_a_message_that_names_it()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.File("gateway.json"), "{ \"Mqtt\": { \"Port\": 1883, } ", TestContext.Current.CancellationToken);
        using var gateway = GatewayProcess.Start(directory, ["--data", directory.File("d")]);
        var exit = await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(78, exit);
        Assert.Contains(directory.File("gateway.json"), gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_stops_the_gateway_with_a_message_that_names_it()
    {
        using var directory = new TempDirectory();
        using var gateway = GatewayProcess.Start(directory, ["--set", "Mqtt:MaxInFlight=many", "--data", directory.File("d")]);
        var exit = await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(78, exit);
        Assert.Contains("Mqtt:MaxInFlight", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("many", gateway.Output, StringComparison.Ordinal);
    }
}
