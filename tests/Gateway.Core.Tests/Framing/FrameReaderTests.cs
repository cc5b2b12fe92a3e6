using System.Buffers;
using System.Text;
using Gateway.Core.Framing;
using static Gateway.Core.Tests.Framing.ReaderTestKit;

namespace Gateway.Core.Tests.Framing;

public class FrameReaderTests
{
    private static readonly string ValidReading = ReferenceCrc.Frame("R,1,x=1");

    [Fact]
    public void A_checksum_mismatch_is_rejected_with_the_line_and_counted()
    {
        var reader = new FrameReader();
        string bad = ValidReading[..^1] + (ValidReading[^1] == '0' ? '1' : '0');

        Assert.Equal([$"Crc {bad}", "frame R seq=1 [x=1 as '1']"], Read(reader, bad + "\r\n" + ValidReading + "\n"));
        Assert.Equal(1, reader.Counters.Rejections(Rejection.Crc));
        Assert.Equal(1, reader.Counters.Frames(FrameType.Reading));
    }

    [Fact]
    public void A_bad_checksum_wins_over_a_forbidden_byte()
    {
        Assert.Equal(["Crc $R,1,x=\t1*0000"], Read("$R,1,x=\t1*0000\n"));
    }

    [Fact]
    public void A_megabyte_line_without_newline_is_one_overlong_and_is_not_buffered()
    {
        var reader = new FrameReader();
        var feeder = new LinkFeeder(reader);
        byte[] noise = new byte[1 << 20];
        noise.AsSpan().Fill((byte)'x');

        feeder.PushInChunks(noise, Enumerable.Repeat(4096, noise.Length / 4096));
        Assert.True(feeder.PendingLength == 0, $"{feeder.PendingLength} bytes kept");
        feeder.Push(Encoding.ASCII.GetBytes(ValidReading + "\n"));

        Assert.Equal(["overlong", "ok"], feeder.Items.Select(Describe.Outcome));
        Assert.Equal(new string('x', 256), feeder.Items[0].Text);
        Assert.True(feeder.MaxPending < 256, $"the reader kept {feeder.MaxPending} bytes");
        Assert.Equal(noise.Length + ValidReading.Length + 1, reader.Counters.Bytes);
        Assert.Equal(1, reader.Counters.Rejections(Rejection.Overlong));
    }

    [Fact]
    public void The_rest_of_an_overlong_line_is_skipped_up_to_its_newline()
    {
        string[] items = Read(new string('y', 300) + " rest of the line, x=1*0000\r\n" + ValidReading + "\n");

        Assert.Equal(["Overlong " + new string('y', 256), "frame R seq=1 [x=1 as '1']"], items);
    }

    [Fact]
    public void A_dollar_ends_the_skipped_rest_of_an_overlong_line()
    {
        Assert.Equal(["overlong", "ok"], Read(new string('z', 5000) + ValidReading + "\n").Select(OutcomeWord));
        Assert.Equal(["overlong", "ok"], Read("$" + new string('R', 400) + ValidReading + "\n").Select(OutcomeWord));
    }

    [Fact]
    public void The_length_limit_counts_the_carriage_return()
    {
        string body = "R,1,pad=" + new string('1', 255 - 1 - 8 - 5);
        string frame = ReferenceCrc.Frame(body);
        Assert.Equal(255, frame.Length);

        Assert.Equal(["ok"], Read(frame + "\n").Select(OutcomeWord));
        Assert.Equal(["overlong"], Read(frame + "\r\n").Select(OutcomeWord));
    }

    [Fact]
    public void The_maximum_line_length_is_configurable()
    {
        var reader = new FrameReader(new FrameReaderOptions { MaxLineLength = 16 });

        Assert.Equal(["ok", "overlong", "debug"], Read(reader, ValidReading + "\n" + ReferenceCrc.Frame("R,1,xyz=12") + "\nfifteen bytes..\n").Select(OutcomeWord));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(new FrameReaderOptions { MaxLineLength = 15 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(new FrameReaderOptions { MaxLineLength = 70_000 }));
    }

    [Fact]
    public void An_unfinished_line_stays_in_the_buffer_until_its_end_arrives()
    {
        var reader = new FrameReader();
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("\n\r\n" + ValidReading));

        Assert.False(reader.TryRead(ref buffer, out _));
        Assert.Equal(ValidReading.Length, buffer.Length);
        Assert.Equal(3, reader.Counters.Bytes);

        buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(ValidReading + "\n"));
        Assert.True(reader.TryRead(ref buffer, out LinkItem item));
        Assert.Equal(LinkItemKind.Frame, item.Kind);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Lenient_ports_still_parse_frames_and_keep_fragments_as_debug()
    {
        var reader = new FrameReader(new FrameReaderOptions { Lenient = true });

        string[] items = Read(reader, "t=1 h=2\r\n" + ValidReading + "\nt=3" + ValidReading + "\nhello world\n");

        Assert.Equal(
            ["lenient R seq=0 [t=1 as '1'; h=2 as '2']", "frame R seq=1 [x=1 as '1']", "debug t=3", "frame R seq=1 [x=1 as '1']", "debug hello world"],
            items);
        Assert.Equal((1, 2, 2L), (reader.Counters.LenientReadings, reader.Counters.DebugLines, reader.Counters.Frames(FrameType.Reading)));
    }

    [Fact]
    public void Strict_ports_take_reading_lines_as_debug()
    {
        Assert.Equal(["debug temperature=21.5 humidity=40"], Read("temperature=21.5 humidity=40\n"));
    }

    [Fact]
    public void Debug_text_is_decoded_lossily_and_loses_only_its_carriage_return()
    {
        var reader = new FrameReader();
        var buffer = new ReadOnlySequence<byte>([(byte)'a', 0xC2, 0xB0, (byte)'C', 0xFF, (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\r', (byte)'\n']);

        List<LinkItem> items = LinkFeeder.ReadAll(reader, ref buffer);

        Assert.Equal(["a°C\uFFFD", "\r"], items.Select(item => item.Text));
    }

    private static string OutcomeWord(string description) => description.Split(' ')[0] switch
    {
        "frame" => "ok",
        var word => word.ToLowerInvariant(),
    };
}
