using System.Globalization;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>Every record of tests/vectors/frames.tsv, one test case each.</summary>
public class VectorTests
{
    /// <summary>
    /// Ok vectors whose line is not the canonical form a writer produces, and why. For these the writer's
    /// line must differ from the vector's and decode to the same frame.
    /// </summary>
    private static readonly Dictionary<string, string> NonCanonicalLines = new()
    {
        ["leading zeros in seq accepted"] = "writers never emit leading zeros",
        ["hello keys in any order, unknown key ignored"] = "the writer emits the known keys in one fixed order",
    };

    public static TheoryData<int> CrcRows => FrameVectors.Rows("crc", record => $"'{record.Column(0)}'");

    public static TheoryData<int> TextRows => FrameVectors.Rows("text", record => $"'{record.Column(0)}'");

    public static TheoryData<int> FrameRows => FrameVectors.Rows("frame", record => record.Column(5));

    public static TheoryData<int> LenientRows => FrameVectors.Rows("lenient", record => record.Column(3));

    [Fact]
    public void The_vector_file_holds_every_kind()
    {
        Assert.True(File.Exists(FrameVectors.FilePath));
        Assert.All(new[] { "crc", "text", "frame", "lenient" }, kind => Assert.Contains(FrameVectors.Records, r => r.Kind == kind));
        Assert.All(FrameVectors.Records, record => Assert.Contains(record.Kind, new[] { "crc", "text", "frame", "lenient" }));
    }

    [Theory]
    [MemberData(nameof(CrcRows))]
    public void Crc_vector(int lineNumber)
    {
        VectorRecord vector = FrameVectors.At(lineNumber);
        byte[] input = FrameVectors.Unescape(vector.Column(0));
        ushort expected = ushort.Parse(vector.Column(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        Assert.Equal(expected, Crc16.Compute(input));
        Assert.Equal(expected, ReferenceCrc.Compute(input));
        for (int split = 0; split <= input.Length; split++)
        {
            Assert.Equal(expected, Crc16.Update(Crc16.Update(Crc16.Initial, input.AsSpan(0, split)), input.AsSpan(split)));
        }
    }

    [Theory]
    [MemberData(nameof(TextRows))]
    public void Text_vector(int lineNumber)
    {
        VectorRecord vector = FrameVectors.At(lineNumber);
        string decoded = Encoding.UTF8.GetString(FrameVectors.Unescape(vector.Column(0)));
        string encoded = vector.Column(1);

        Assert.Equal(encoded, PercentText.Encode(decoded));
        Assert.Equal(encoded.Length, PercentText.GetEncodedLength(decoded));
        Assert.True(PercentText.TryDecode(Encoding.ASCII.GetBytes(encoded), out string? text));
        Assert.Equal(decoded, text);
    }

    [Theory]
    [MemberData(nameof(FrameRows))]
    public void Frame_vector(int lineNumber)
    {
        VectorRecord vector = FrameVectors.At(lineNumber);
        byte[] line = FrameVectors.Unescape(vector.Column(0));
        string[] outcomes = vector.Column(1) == "none" ? [] : vector.Column(1).Split(' ');
        var reader = new FrameReader();

        List<LinkItem> items = LinkFeeder.ReadComplete(reader, [.. line, (byte)'\n']);

        Assert.Equal(outcomes, items.Select(Describe.Outcome));
        AssertCounters(outcomes, reader.Counters.Snapshot(), line.Length + 1);
        if (outcomes.Contains("ok"))
        {
            Frame frame = items.Single(item => item.Kind == LinkItemKind.Frame).Frame!;
            Assert.Equal(vector.Column(2), ((char)frame.Type).ToString());
            Assert.Equal(uint.Parse(vector.Column(3), CultureInfo.InvariantCulture), frame.Seq);
            Frame expected = ExpectedFrames.From(vector.Column(2), vector.Column(3), vector.Column(4));
            Assert.Equal(Describe.Frame(expected), Describe.Frame(frame));
            AssertWriterReproduces(Encoding.ASCII.GetString(line), frame, vector.Column(5));
        }
    }

    [Theory]
    [MemberData(nameof(LenientRows))]
    public void Lenient_vector(int lineNumber)
    {
        VectorRecord vector = FrameVectors.At(lineNumber);
        byte[] line = FrameVectors.Unescape(vector.Column(0));
        var reader = new FrameReader(new FrameReaderOptions { Lenient = true });

        LinkItem item = Assert.Single(LinkFeeder.ReadComplete(reader, [.. line, (byte)'\n']));

        FrameCountersSnapshot counters = reader.Counters.Snapshot();
        if (vector.Column(1) == "ok")
        {
            Assert.Equal(LinkItemKind.LenientReading, item.Kind);
            Assert.Equal(Describe.Frame(ExpectedFrames.Lenient(vector.Column(2))), Describe.Frame(item.Frame!));
            Assert.Equal((1, 0), (counters.LenientReadings, counters.DebugLines));
        }
        else
        {
            Assert.Equal("debug", vector.Column(1));
            Assert.Equal(LinkItemKind.Debug, item.Kind);
            Assert.Equal(Encoding.UTF8.GetString(line).TrimEnd('\r'), item.Text);
            Assert.Equal((0, 1), (counters.LenientReadings, counters.DebugLines));
        }
    }

    private static void AssertCounters(string[] outcomes, FrameCountersSnapshot counters, long bytes)
    {
        int Count(string outcome) => outcomes.Count(o => o == outcome);

        Assert.Equal(Count("ok"), counters.Frames);
        Assert.Equal(Count("debug"), counters.DebugLines);
        Assert.Equal(Count("malformed"), counters.Malformed);
        Assert.Equal(Count("crc"), counters.Crc);
        Assert.Equal(Count("unknown"), counters.Unknown);
        Assert.Equal(Count("version"), counters.Version);
        Assert.Equal(Count("overlong"), counters.Overlong);
        Assert.Equal(0, counters.LenientReadings);
        Assert.Equal(bytes, counters.Bytes);
    }

    private static void AssertWriterReproduces(string line, Frame frame, string note)
    {
        string wire = line[line.LastIndexOf('$')..].TrimEnd('\r');
        wire = wire[..^4] + wire[^4..].ToUpperInvariant() + "\n";
        string written = FrameWriter.ToLine(frame);
        if (!NonCanonicalLines.ContainsKey(note))
        {
            Assert.Equal(wire, written);
            return;
        }

        Assert.NotEqual(wire, written);
        LinkItem reread = Assert.Single(LinkFeeder.ReadComplete(new FrameReader(), Encoding.ASCII.GetBytes(written)));
        Assert.Equal(Describe.Frame(frame), Describe.Frame(reread.Frame!));
    }
}
