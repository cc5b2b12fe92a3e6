using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

public class FrameWriterTests
{
    public static TheoryData<string> RoundTripLines => new(
        ReferenceCrc.Frame("H,3,p=1,id=0123456789ABCDEF,boot=FFFFFFFF,fw=a.b_c+d-e,ver=0,iv=4294967295,rs=1,s=t:deg C;b:,o=0:a"),
        ReferenceCrc.Frame("R,0,a=0,b=-1.5e-7,c=123456789012345678901234567890"),
        ReferenceCrc.Frame("E,1,x,%25%24%2A%2C%09%E2%82%AC"),
        ReferenceCrc.Frame("A,2,65535,k=v=w,e="),
        ReferenceCrc.Frame("N,3,0,malformed"),
        ReferenceCrc.Frame("C,9,custom,,a b,%"));

    [Fact]
    public void Commands_are_written_as_the_board_expects()
    {
        Assert.Equal("$C,1,info*CCBF\n", FrameWriter.ToLine(new CommandFrame(1, "info", [])));
        Assert.Equal("$C,3,out,7,1*7394\n", FrameWriter.ToLine(new CommandFrame(3, "out", ["7", "1"])));
        Assert.Equal("$C,65535,resend,10*5084\n"u8.ToArray(), FrameWriter.ToBytes(new CommandFrame(65535, "resend", ["10"])));
    }

    [Theory]
    [MemberData(nameof(RoundTripLines))]
    public void A_decoded_canonical_line_is_written_back_byte_for_byte(string line)
    {
        LinkItem item = Assert.Single(LinkFeeder.ReadComplete(new FrameReader(), Encoding.ASCII.GetBytes(line + "\n")));

        Assert.Equal(line + "\n", FrameWriter.ToLine(item.Frame!));
    }

    [Fact]
    public void Writing_to_a_buffer_writer_appends_the_line()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("noise"u8);

        int written = FrameWriter.Write(new EventFrame(43, "button", "pressed"), output);

        Assert.Equal(26, written);
        Assert.Equal("noise$E,43,button,pressed*D3E9\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Writing_to_a_span_that_is_too_small_returns_false()
    {
        var frame = new EventFrame(43, "button", "pressed");
        byte[] exact = new byte[26];

        Assert.False(FrameWriter.TryWrite(frame, exact.AsSpan(0, 25), out int none));
        Assert.Equal(0, none);
        Assert.True(FrameWriter.TryWrite(frame, exact, out int written));
        Assert.Equal((26, "$E,43,button,pressed*D3E9\n"), (written, Encoding.ASCII.GetString(exact)));
    }

    [Fact]
    public void A_line_over_256_bytes_is_refused()
    {
        var longest = new ReadingFrame(1, [new SensorValue("pad", 1, new string('1', 241))]);
        var tooLong = new ReadingFrame(1, [new SensorValue("pad", 1, new string('1', 242))]);

        Assert.Equal(256, FrameWriter.ToBytes(longest).Length);
        Assert.Throws<ArgumentException>(() => FrameWriter.ToBytes(tooLong));
        Assert.Throws<ArgumentException>(() => FrameWriter.Write(tooLong, new ArrayBufferWriter<byte>(4096)));
        Assert.True(FrameWriter.TryWrite(tooLong, new byte[300], out int written));
        Assert.Equal(257, written);
    }

    [Fact]
    public void Free_text_is_percent_encoded_and_empty_text_is_left_out()
    {
        Assert.Equal(ReferenceCrc.Frame("N,5,6,badarg,50%25%2C %24%2A") + "\n", FrameWriter.ToLine(new NakFrame(5, 6, NakReason.BadArgument, "50%, $*")));
        Assert.Equal(ReferenceCrc.Frame("N,5,6,busy") + "\n", FrameWriter.ToLine(new NakFrame(5, 6, NakReason.Busy, "")));
        Assert.Equal(ReferenceCrc.Frame("E,5,boot") + "\n", FrameWriter.ToLine(new EventFrame(5, "boot", "")));
    }

    private static readonly Dictionary<string, Func<Frame>> InvalidFrames = new()
    {
        ["a space in a sensor name"] = () => new ReadingFrame(1, [new SensorValue("te mp", 1, "1")]),
        ["a value text NaN"] = () => new ReadingFrame(1, [new SensorValue("temp", double.NaN, "NaN")]),
        ["a value text with a plus sign"] = () => new ReadingFrame(1, [new SensorValue("temp", 1, "+1")]),
        ["a reading without values"] = () => new ReadingFrame(1, []),
        ["an empty event type"] = () => new EventFrame(1, "", "text"),
        ["a non-ASCII event type"] = () => new EventFrame(1, "ev\u00e9nt", ""),
        ["a comma in an ack value"] = () => new AckFrame(1, 2, [new("k", "a,b")]),
        ["a star in an ack key"] = () => new AckFrame(1, 2, [new("k*", "1")]),
        ["a dollar in a command argument"] = () => new CommandFrame(1, "out", ["7$"]),
        ["an empty verb"] = () => new CommandFrame(1, "", []),
        ["an undefined nak reason"] = () => new NakFrame(1, 2, (NakReason)99, ""),
        ["a device id of 15 digits"] = () => Hello(deviceId: "3F9A2C71D04B8E1"),
        ["a boot id with a G"] = () => Hello(bootId: "0000002G"),
        ["a slash in the firmware name"] = () => Hello(firmware: "fw/1"),
        ["a semicolon in a unit"] = () => Hello(sensors: [new("t", "a;b")]),
        ["a space in an output name"] = () => Hello(outputs: [new(1, "led light")]),
    };

    public static TheoryData<string> InvalidFrameNames => [.. InvalidFrames.Keys];

    [Theory]
    [MemberData(nameof(InvalidFrameNames))]
    public void A_frame_the_reader_would_reject_is_refused(string name)
    {
        Frame frame = InvalidFrames[name]();

        Exception error = Assert.ThrowsAny<ArgumentException>(() => FrameWriter.ToLine(frame));
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Fact]
    public void A_hello_writes_its_keys_in_a_fixed_order_and_leaves_out_empty_optional_ones()
    {
        Assert.Equal(
            ReferenceCrc.Frame("H,0,p=1,id=3F9A2C71D04B8E15,boot=0000002A,fw=sensor-node,ver=1.0.0,iv=1000,s=") + "\n",
            FrameWriter.ToLine(Hello(sensors: [])));
        Assert.Equal(
            ReferenceCrc.Frame("H,0,p=2,id=3F9A2C71D04B8E15,boot=0000002A,fw=sensor-node,ver=1.0.0,iv=1000,rs=4,s=t:C,o=13:led") + "\n",
            FrameWriter.ToLine(Hello(protocolVersion: 2, resendCapacity: 4, outputs: [new(13, "led")])));
    }

    [Fact]
    public void Sensor_values_from_doubles_use_the_shortest_invariant_text()
    {
        Assert.Equal(
            ReferenceCrc.Frame("R,1,a=21.5,b=-0.001,c=1E+20,d=0") + "\n",
            FrameWriter.ToLine(new ReadingFrame(1, [SensorValue.Create("a", 21.5), SensorValue.Create("b", -0.001), SensorValue.Create("c", 1e20), SensorValue.Create("d", 0)])));
        Assert.Throws<ArgumentOutOfRangeException>(() => SensorValue.Create("a", double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandFrame(0, "info", []));
    }

    private static HelloFrame Hello(
        uint protocolVersion = 1,
        string deviceId = "3F9A2C71D04B8E15",
        string bootId = "0000002A",
        string firmware = "sensor-node",
        uint resendCapacity = 0,
        SensorInfo[]? sensors = null,
        OutputInfo[]? outputs = null) =>
        new(0, protocolVersion, deviceId, bootId, firmware, "1.0.0", 1000, resendCapacity, [.. sensors ?? [new("t", "C")]], [.. outputs ?? []]);
}
