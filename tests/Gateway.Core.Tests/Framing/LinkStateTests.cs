using System.Buffers;
using System.Text;
using Gateway.Core.Framing;
using static Gateway.Core.Tests.Framing.ReaderTestKit;

namespace Gateway.Core.Tests.Framing;

/// <summary>What a reader remembers between lines: the version mismatch, and the stale line after a reset.</summary>
public class LinkStateTests
{
    private const string HelloTail = ",id=3F9A2C71D04B8E15,boot=0000002A,fw=a,ver=1,iv=1000,s=t:C";

    private static readonly string HelloV1 = ReferenceCrc.Frame("H,0,p=1" + HelloTail);
    private static readonly string HelloV2 = ReferenceCrc.Frame("H,0,p=2" + HelloTail);
    private static readonly string Reading = ReferenceCrc.Frame("R,1,t=21.5");

    [Fact]
    public void After_a_hello_of_another_version_frames_are_rejected_until_a_version_1_hello()
    {
        var reader = new FrameReader();
        string[] lines =
        [
            Reading, HelloV2, Reading, ReferenceCrc.Frame("E,2,button"), ReferenceCrc.Frame("Z,3,future"),
            Reading[..^1] + (Reading[^1] == '0' ? '1' : '0'), "$R,2,t=", "debug print", ReferenceCrc.Frame("H,0,p=2,new=layout"),
            ReferenceCrc.Frame("H,0,p=1"), Reading, HelloV1, Reading,
        ];

        string[] outcomes = [.. lines.Select(line => OutcomeOf(reader, line))];

        Assert.Equal(
            ["ok", "version", "version", "version", "version", "crc", "malformed", "debug", "version", "malformed", "version", "ok", "ok"],
            outcomes);
        Assert.Equal(6, reader.Counters.Rejections(Rejection.Version));
        Assert.False(reader.IsVersionMismatch);
    }

    [Fact]
    public void The_version_state_is_visible_and_survives_a_reset()
    {
        var reader = new FrameReader();

        Read(reader, HelloV2 + "\n");
        Assert.True(reader.IsVersionMismatch);
        reader.Reset();

        Assert.Equal(["version"], Read(reader, Reading + "\n").Select(Word));
        Assert.True(reader.IsVersionMismatch);
    }

    [Fact]
    public void After_a_reset_the_first_line_is_a_stale_fragment_even_when_it_looks_like_a_reading()
    {
        var reader = new FrameReader(new FrameReaderOptions { Lenient = true });
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("temp=21.5 hu"));
        Assert.False(reader.TryRead(ref buffer, out _));

        // The port is reopened: the old buffer is gone and the board is in the middle of "humidity=40".
        reader.Reset();

        Assert.Equal(["debug midity=40", "lenient R seq=0 [temp=21.5 as '21.5']"], Read(reader, "midity=40\ntemp=21.5\n"));
        Assert.Equal((1L, 1L), (reader.Counters.DebugLines, reader.Counters.LenientReadings));
    }

    [Fact]
    public void After_a_reset_a_first_line_that_is_a_frame_is_read_as_usual()
    {
        var reader = new FrameReader(new FrameReaderOptions { Lenient = true });
        reader.Reset();

        Assert.Equal(["ok", "ok"], Read(reader, Reading + "\ntemp=21.5\n").Select(Word));
    }

    [Fact]
    public void After_a_reset_a_stale_fragment_cut_by_a_dollar_is_debug_and_the_frame_counts()
    {
        var reader = new FrameReader(new FrameReaderOptions { Lenient = true });
        reader.Reset();

        Assert.Equal(["debug =21.5", "ok", "ok"], Read(reader, "=21.5" + Reading + "\nt=1\n").Select(ItemWithoutFrame));
    }

    [Fact]
    public void After_a_reset_an_empty_line_ends_the_stale_line()
    {
        var reader = new FrameReader(new FrameReaderOptions { Lenient = true });
        reader.Reset();

        Assert.Equal(["ok"], Read(reader, "\r\ntemp=21.5\n").Select(Word));
    }

    [Fact]
    public void A_reset_ends_the_skipping_of_an_overlong_line()
    {
        var reader = new FrameReader();
        Assert.Equal(["overlong"], Read(reader, new string('x', 300)).Select(Word));

        reader.Reset();

        Assert.Equal(["debug tail", "debug next"], Read(reader, "tail\nnext\n"));
    }

    private static string OutcomeOf(FrameReader reader, string line) => Word(Assert.Single(Read(reader, line + "\n")));

    private static string Word(string description) => description.Split(' ')[0] switch
    {
        "frame" or "lenient" => "ok",
        var word => word.ToLowerInvariant(),
    };

    private static string ItemWithoutFrame(string description) => description.StartsWith("debug", StringComparison.Ordinal) ? description : Word(description);
}
