using Gateway.Core.Devices;
using Gateway.Core.Framing;
using static Gateway.Core.Tests.Framing.ReaderTestKit;

namespace Gateway.Core.Tests.Devices;

/// <summary>What the gateway knows about a board, from its hello or from its port.</summary>
public class DeviceInfoTests
{
    private const string Hello =
        "H,7,p=1,id=3f9a2c71d04b8e15,boot=0000002a,fw=sensor-node,ver=1.0.0,iv=1000,rs=8,s=temp:C;light:%;button:,o=13:led;7:relay";

    private const string Port = "/dev/ttyACM0";

    [Fact]
    public void A_hello_gives_every_field()
    {
        var info = DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port);

        Assert.Equal(
            ("3F9A2C71D04B8E15", "0000002A", "sensor-node", "1.0.0", 1u, 1000u, 8u),
            (info.DeviceId, info.BootId, info.Firmware, info.FirmwareVersion, info.ProtocolVersion, info.IntervalMs, info.ResendCapacity));
        Assert.Equal([new("temp", "C"), new("light", "%"), new("button", "")], info.Sensors);
        Assert.Equal([new(13, "led"), new(7, "relay")], info.Outputs);
        Assert.Equal((Port, LinkMode.Framed), (info.Port, info.Mode));
    }

    [Fact]
    public void A_null_hello_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => DeviceInfo.FromHello(null!, Port));

    [Fact]
    public void Two_parses_of_the_same_hello_give_equal_infos()
    {
        var first = DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port);
        var second = DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port);

        Assert.False(first.Sensors.Equals(second.Sensors), "the lists should be distinct arrays");
        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Contains(second, new HashSet<DeviceInfo> { first });
    }

    [Theory]
    [InlineData("s=temp:F;light:%;button:", "a changed unit")]
    [InlineData("s=temp:C;light:%", "a sensor removed")]
    [InlineData("s=temp:C;light:%;button:;hum:%", "a sensor added")]
    [InlineData("s=light:%;temp:C;button:", "sensors reordered")]
    [InlineData("s=", "no sensors")]
    public void A_changed_sensor_list_makes_another_info(string sensors, string why)
    {
        var original = DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port);
        var changed = DeviceInfo.FromHello(Decode<HelloFrame>(Hello.Replace("s=temp:C;light:%;button:", sensors, StringComparison.Ordinal)), Port);

        Assert.False(original.Equals(changed), why);
        Assert.True(original != changed, why);
    }

    [Theory]
    [InlineData("o=13:led", "an output removed")]
    [InlineData("o=13:led;8:relay", "an output moved to another pin")]
    [InlineData("o=13:led;7:valve", "an output renamed")]
    public void A_changed_output_list_makes_another_info(string outputs, string why)
    {
        var original = DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port);
        var changed = DeviceInfo.FromHello(Decode<HelloFrame>(Hello.Replace("o=13:led;7:relay", outputs, StringComparison.Ordinal)), Port);

        Assert.False(original.Equals(changed), why);
    }

    [Fact]
    public void Every_other_field_takes_part_in_equality()
    {
        var info = DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port);
        DeviceInfo[] variants =
        [
            info with { DeviceId = "3F9A2C71D04B8E16" },
            info with { BootId = "0000002B" },
            info with { Firmware = "other" },
            info with { FirmwareVersion = "1.0.1" },
            info with { ProtocolVersion = 2 },
            info with { IntervalMs = 500 },
            info with { ResendCapacity = 0 },
            info with { Port = "/dev/ttyACM1" },
            info with { Mode = LinkMode.Lenient },
        ];

        Assert.All(variants, variant => Assert.NotEqual(info, variant));
        Assert.False(info.Equals(null));
    }

    [Fact]
    public void A_device_known_by_its_port_has_nothing_from_a_hello()
    {
        var info = DeviceInfo.ForPort("port-ttyUSB0", "/dev/ttyUSB0", LinkMode.Lenient);

        Assert.Equal(("port-ttyUSB0", "/dev/ttyUSB0", LinkMode.Lenient), (info.DeviceId, info.Port, info.Mode));
        Assert.Equal((string.Empty, string.Empty, string.Empty), (info.BootId, info.Firmware, info.FirmwareVersion));
        Assert.Equal((0u, 0u, 0u), (info.ProtocolVersion, info.IntervalMs, info.ResendCapacity));
        Assert.Empty(info.Sensors);
        Assert.Empty(info.Outputs);
        Assert.Equal(info, DeviceInfo.ForPort("port-ttyUSB0", "/dev/ttyUSB0", LinkMode.Lenient));
        Assert.NotEqual(info, DeviceInfo.ForPort("port-ttyUSB0", "/dev/ttyUSB0", LinkMode.Framed));
    }

    [Theory]
    [InlineData("temp", "C")]
    [InlineData("light", "%")]
    [InlineData("button", "")]
    [InlineData("Temp", "")]
    [InlineData("humidity", "")]
    public void The_unit_of_a_sensor_comes_from_the_hello(string sensor, string unit) =>
        Assert.Equal(unit, DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port).UnitOf(sensor));

    [Fact]
    public void A_device_without_a_hello_knows_no_units() =>
        Assert.Equal(string.Empty, DeviceInfo.ForPort("d", "p", LinkMode.Lenient).UnitOf("temp"));

    [Theory]
    [InlineData(13u, true)]
    [InlineData(7u, true)]
    [InlineData(8u, false)]
    [InlineData(0u, false)]
    public void Only_the_pins_of_the_hello_are_outputs(uint pin, bool output)
    {
        Assert.Equal(output, DeviceInfo.FromHello(Decode<HelloFrame>(Hello), Port).HasOutput(pin));
        Assert.False(DeviceInfo.ForPort("d", "p", LinkMode.Framed).HasOutput(pin));
    }
}
