using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// A session as a board's serial port shows it (sketch prints, hello, readings, events, acks, noise, CRLF and
/// LF mixed), fed whole, split in two at every byte index, and one byte per segment: same items every time.
/// </summary>
public class CaptureTests
{
    private static readonly string Capture = string.Concat(
        "Sensor node starting\r\n",
        "$H,0,p=1,id=3F9A2C71D04B8E15,boot=0000002A,fw=sensor-node,ver=1.0.0,iv=1000,rs=8,s=temp:C;light:%,o=13:led;7:relay*24EB\n",
        "$R,42,temp=21.50,light=40.1*8DA9\r\n",
        "\r\n",
        "temp=21.5 light=40\n",
        "$E,43,button,pressed*D3E9\n",
        ReferenceCrc.Frame("A,43,5,iv=2000"), "\r\n",
        "$R,44,temp=21.50,light=40.2*8DA9\r\n",
        "boot noise$E,45,fault,light sensor open circuit*", Checksum("E,45,fault,light sensor open circuit"), "\n",
        ReferenceCrc.Frame("R,46,temp=21.75,light=39.9"), "\n",
        "$R,47,te", ReferenceCrc.Frame("N,47,6,badarg,pin 4 is not an output"), "\r\n",
        "\n",
        ReferenceCrc.Frame("A,47,7,s=5"), "\n");

    private static readonly string[] ExpectedStrict =
    [
        "debug Sensor node starting",
        "frame H seq=0 p=1 id=3F9A2C71D04B8E15 boot=0000002A fw=sensor-node ver=1.0.0 iv=1000 rs=8 s=[temp:C; light:%] o=[13:led; 7:relay]",
        "frame R seq=42 [temp=21.5 as '21.50'; light=40.1 as '40.1']",
        "debug temp=21.5 light=40",
        "frame E seq=43 type=button text=[pressed]",
        "frame A seq=43 cmd=5 [iv=2000]",
        "Crc $R,44,temp=21.50,light=40.2*8DA9",
        "debug boot noise",
        "frame E seq=45 type=fault text=[light sensor open circuit]",
        "frame R seq=46 [temp=21.75 as '21.75'; light=39.9 as '39.9']",
        "Malformed $R,47,te",
        "frame N seq=47 cmd=6 reason=BadArgument text=[pin 4 is not an output]",
        "frame A seq=47 cmd=7 [s=5]",
    ];

    public static TheoryData<bool> Modes => [false, true];

    [Theory]
    [MemberData(nameof(Modes))]
    public void The_whole_capture_reads_as_expected(bool lenient)
    {
        Assert.Equal(Expected(lenient), ReadWhole(lenient));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Two_segments_split_at_every_index_read_the_same(bool lenient)
    {
        byte[] data = Encoding.ASCII.GetBytes(Capture);
        string[] expected = Expected(lenient);
        for (int split = 0; split <= data.Length; split++)
        {
            var reader = NewReader(lenient);
            ReadOnlySequence<byte> buffer = Segments.SplitAt(data, split);
            Assert.Equal(expected, LinkFeeder.ReadAll(reader, ref buffer).Select(Describe.Item));
            Assert.True(buffer.IsEmpty, $"split at {split}: {buffer.Length} bytes left");

            var feeder = new LinkFeeder(NewReader(lenient));
            feeder.Push(data.AsMemory(0, split)).Push(data.AsMemory(split));
            Assert.Equal(expected, feeder.Items.Select(Describe.Item));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void One_byte_per_segment_reads_the_same(bool lenient)
    {
        byte[] data = Encoding.ASCII.GetBytes(Capture);
        string[] expected = Expected(lenient);

        ReadOnlySequence<byte> buffer = Segments.OneBytePerSegment(data);
        Assert.Equal(expected, LinkFeeder.ReadAll(NewReader(lenient), ref buffer).Select(Describe.Item));
        Assert.True(buffer.IsEmpty);

        var feeder = new LinkFeeder(NewReader(lenient));
        feeder.PushInChunks(data, Enumerable.Repeat(1, data.Length));
        Assert.Equal(expected, feeder.Items.Select(Describe.Item));
        Assert.Equal(0, feeder.PendingLength);
    }

    [Fact]
    public void Counters_add_up_to_the_capture()
    {
        var reader = NewReader(lenient: false);
        LinkFeeder.ReadComplete(reader, Encoding.ASCII.GetBytes(Capture));

        FrameCountersSnapshot counters = reader.Counters.Snapshot();
        Assert.Equal(
            new FrameCountersSnapshot(
                Hellos: 1, Readings: 2, Events: 2, Acks: 2, Naks: 1, Commands: 0, LenientReadings: 0, DebugLines: 3,
                Overlong: 0, Malformed: 1, Crc: 1, Unknown: 0, Version: 0, Bytes: Capture.Length),
            counters);
        Assert.Equal(8, counters.Frames);
        Assert.Equal(2, counters.Rejections);
        Assert.Equal(2, reader.Counters.Frames(FrameType.Reading));
        Assert.Equal(1, reader.Counters.Rejections(Rejection.Crc));
    }

    private static string[] Expected(bool lenient) => lenient
        ? [.. ExpectedStrict.Select(item => item == "debug temp=21.5 light=40"
            ? "lenient R seq=0 [temp=21.5 as '21.5'; light=40 as '40']"
            : item)]
        : ExpectedStrict;

    private static string[] ReadWhole(bool lenient) =>
        [.. LinkFeeder.ReadComplete(NewReader(lenient), Encoding.ASCII.GetBytes(Capture)).Select(Describe.Item)];

    private static FrameReader NewReader(bool lenient) => new(new FrameReaderOptions { Lenient = lenient });

    private static string Checksum(string body) => ReferenceCrc.Frame(body)[^4..];
}
