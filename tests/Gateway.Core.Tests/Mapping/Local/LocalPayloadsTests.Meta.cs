using System.Text.Json;
using Gateway.Core.Devices;
using Gateway.Core.Framing;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Operations;
using static Gateway.Core.Tests.Framing.ReaderTestKit;

namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>The JSON of device metadata and command results, read back with <see cref="JsonDocument"/>.</summary>
public partial class LocalPayloadsTests
{
    private static readonly DateTimeOffset ResultTime = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));

    [Fact]
    public void The_metadata_of_a_board_gives_its_hello()
    {
        var hello = Decode<HelloFrame>($"H,3,p=1,id={Device},boot=0000002A,fw=sensor-node,ver=1.0.0,iv=1000,rs=8,s=temp:deg C;button:,o=13:led;7:relay");
        var info = DeviceInfo.FromHello(hello, "/dev/ttyACM0");

        var json = Write(buffer => LocalPayloads.WriteMeta(buffer, info));

        Assert.Equal(["device", "mode", "port", "boot", "firmware", "version", "protocol", "intervalMs", "resend", "sensors", "outputs"], Names(json));
        Assert.Equal(
            [Device, "framed", "/dev/ttyACM0", "0000002A", "sensor-node", "1.0.0"],
            new[] { "device", "mode", "port", "boot", "firmware", "version" }.Select(name => json.GetProperty(name).GetString()));
        Assert.Equal((1u, 1000u, 8u), (json.GetProperty("protocol").GetUInt32(), json.GetProperty("intervalMs").GetUInt32(), json.GetProperty("resend").GetUInt32()));
        Assert.Equal(
            ["temp:deg C", "button:"],
            json.GetProperty("sensors").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()}:{s.GetProperty("unit").GetString()}"));
        Assert.Equal(
            [(13u, "led"), (7u, "relay")],
            json.GetProperty("outputs").EnumerateArray().Select(o => (o.GetProperty("pin").GetUInt32(), o.GetProperty("name").GetString())));
    }

    [Fact]
    public void The_metadata_of_a_lenient_port_has_no_hello_fields()
    {
        var info = DeviceInfo.ForPort("port-ttyUSB0", "/dev/ttyUSB0", LinkMode.Lenient);

        var json = Write(buffer => LocalPayloads.WriteMeta(buffer, info));

        Assert.Equal(("port-ttyUSB0", "lenient", "/dev/ttyUSB0"), (json.GetProperty("device").GetString(), json.GetProperty("mode").GetString(), json.GetProperty("port").GetString()));
        Assert.Equal((string.Empty, string.Empty, string.Empty), (json.GetProperty("boot").GetString(), json.GetProperty("firmware").GetString(), json.GetProperty("version").GetString()));
        Assert.Equal((0u, 0u, 0u), (json.GetProperty("protocol").GetUInt32(), json.GetProperty("intervalMs").GetUInt32(), json.GetProperty("resend").GetUInt32()));
        Assert.Equal(0, json.GetProperty("sensors").GetArrayLength());
        Assert.Equal(0, json.GetProperty("outputs").GetArrayLength());
    }

    [Fact]
    public void An_acknowledged_command_gives_its_result_fields_and_no_reason()
    {
        var outcome = CommandOutcome.Acknowledged(Fields("pin=7", "state=1"));

        var json = Write(buffer => LocalPayloads.WriteCommandResult(buffer, "r1", Device, "out", outcome, ResultTime));

        Assert.Equal(["id", "device", "command", "status", "result", "time"], Names(json));
        Assert.Equal(
            ["r1", Device, "out", "ok"],
            new[] { "id", "device", "command", "status" }.Select(name => json.GetProperty(name).GetString()));
        Assert.Equal(["pin=7", "state=1"], json.GetProperty("result").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"));
        Assert.Equal("2025-01-02T01:04:05.678Z", json.GetProperty("time").GetString());
    }

    [Fact]
    public void A_refused_command_gives_its_reason_and_text_and_an_empty_result()
    {
        var outcome = CommandOutcome.Failed(CommandStatus.Rejected, "badarg", "pin 9 is not an output");

        var json = Write(buffer => LocalPayloads.WriteCommandResult(buffer, "r2", Device, "out", outcome, ResultTime));

        Assert.Equal(["id", "device", "command", "status", "reason", "text", "result", "time"], Names(json));
        Assert.Equal(
            ["rejected", "badarg", "pin 9 is not an output"],
            new[] { "status", "reason", "text" }.Select(name => json.GetProperty(name).GetString()));
        Assert.Equal(JsonValueKind.Object, json.GetProperty("result").ValueKind);
        Assert.Empty(json.GetProperty("result").EnumerateObject());
    }

    [Fact]
    public void A_failure_without_text_gives_only_its_reason()
    {
        var outcome = CommandOutcome.Failed(CommandStatus.Timeout, "timeout", string.Empty);

        var json = Write(buffer => LocalPayloads.WriteCommandResult(buffer, "r3", Device, "read", outcome, ResultTime));

        Assert.Equal(["id", "device", "command", "status", "reason", "result", "time"], Names(json));
        Assert.Equal(("timeout", "timeout"), (json.GetProperty("status").GetString(), json.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData(CommandStatus.Ok, "ok")]
    [InlineData(CommandStatus.Rejected, "rejected")]
    [InlineData(CommandStatus.Timeout, "timeout")]
    [InlineData(CommandStatus.Offline, "offline")]
    [InlineData(CommandStatus.Invalid, "invalid")]
    public void Each_status_has_its_name_on_the_wire(CommandStatus status, string name)
    {
        var json = Write(buffer => LocalPayloads.WriteCommandResult(buffer, "r4", Device, "info", new CommandOutcome(status, [], string.Empty, string.Empty), ResultTime));

        Assert.Equal(name, LocalPayloads.StatusName(status));
        Assert.Equal(name, json.GetProperty("status").GetString());
        Assert.Equal(["id", "device", "command", "status", "result", "time"], Names(json));
    }

    [Fact]
    public void Every_status_has_a_distinct_name() =>
        Assert.Equal(
            Enum.GetValues<CommandStatus>().Length,
            Enum.GetValues<CommandStatus>().Select(LocalPayloads.StatusName).Distinct().Count());
}
