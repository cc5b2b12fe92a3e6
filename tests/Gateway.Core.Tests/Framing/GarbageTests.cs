using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// A megabyte of random bytes (fixed seed) with valid frames in between: every frame is accepted, nothing
/// throws, and every counter is exactly what the generator says it must be.
/// </summary>
public class GarbageTests
{
    private const int MaxLineLength = FrameReaderOptions.DefaultMaxLineLength;
    private const int GarbageBytes = 1 << 20;

    [Fact]
    public void Valid_frames_survive_a_megabyte_of_garbage_and_the_counters_are_exact()
    {
        var random = new Random(20_240_611);
        var stream = new List<byte>();
        var expected = new List<string>();
        var frames = new List<string>();
        int garbage = 0;
        for (uint seq = 1; garbage < GarbageBytes; seq++)
        {
            (byte[] chunk, List<string> outcomes) = seq % 2 == 0 ? CleanLine(random) : NoisyChunk(random);
            Frame frame = RandomFrame(random, seq);
            stream.AddRange(chunk);
            stream.AddRange(FrameWriter.ToBytes(frame));
            expected.AddRange(outcomes);
            expected.Add("ok");
            frames.Add(Describe.Frame(frame));
            garbage += chunk.Length;
        }

        byte[] data = [.. stream];
        var reader = new FrameReader();
        var feeder = new LinkFeeder(reader).PushInChunks(data, ChunkSizes(new Random(7)));

        Assert.Equal(expected, feeder.Items.Select(Describe.Outcome));
        Assert.Equal(frames, feeder.Items.Where(item => item.Kind == LinkItemKind.Frame).Select(item => Describe.Frame(item.Frame!)));
        Assert.True(feeder.MaxPending < MaxLineLength, $"the reader kept {feeder.MaxPending} bytes");
        FrameCountersSnapshot counters = reader.Counters.Snapshot();
        Assert.Equal(frames.Count, counters.Frames);
        Assert.Equal(frames.Count(f => f.StartsWith('R')), counters.Readings);
        Assert.Equal(frames.Count(f => f.StartsWith('E')), counters.Events);
        Assert.Equal(frames.Count(f => f.StartsWith('A')), counters.Acks);
        Assert.Equal(expected.Count(o => o == "debug"), counters.DebugLines);
        Assert.Equal(expected.Count(o => o == "overlong"), counters.Overlong);
        Assert.Equal(expected.Count(o => o == "malformed"), counters.Malformed);
        Assert.Equal(expected.Count(o => o == "crc"), counters.Crc);
        Assert.Equal((0, 0, 0), (counters.Unknown, counters.Version, counters.LenientReadings));
        Assert.Equal(data.Length, counters.Bytes);
        Assert.All(new[] { "debug", "overlong", "malformed", "crc" }, outcome => Assert.True(expected.Count(o => o == outcome) > 20, outcome));

        var whole = new ReadOnlySequence<byte>(data);
        Assert.Equal(expected, LinkFeeder.ReadAll(new FrameReader(), ref whole).Select(Describe.Outcome));
    }

    /// <summary>
    /// Random bytes without <c>$</c> and <c>\n</c>, ended by <c>\n</c>: a debug line, nothing (empty or a lone
    /// CR), or overlong when it has 256 bytes or more before its <c>\n</c>.
    /// </summary>
    private static (byte[] Chunk, List<string> Outcomes) CleanLine(Random random)
    {
        int length = random.Next(6) switch
        {
            0 => random.Next(MaxLineLength, 4000),
            1 => random.Next(MaxLineLength - 2, MaxLineLength + 2),
            2 => random.Next(3),
            _ => random.Next(MaxLineLength),
        };
        byte[] chunk = new byte[length + 1];
        for (int index = 0; index < length; index++)
        {
            do
            {
                chunk[index] = (byte)random.Next(256);
            }
            while (chunk[index] is (byte)'$' or (byte)'\n');
        }

        chunk[length] = (byte)'\n';
        bool empty = length == 0 || (length == 1 && chunk[0] == (byte)'\r');
        List<string> outcomes = length >= MaxLineLength ? ["overlong"] : empty ? [] : ["debug"];
        Assert.Equal(outcomes, ReferenceLinkModel.OutcomesBeforeFrame(chunk, MaxLineLength));
        return (chunk, outcomes);
    }

    /// <summary>
    /// Random bytes rich in <c>$</c>, <c>\n</c>, <c>\r</c> and <c>*</c>, sometimes with a frame whose checksum is
    /// wrong, cut at the end by the next frame's <c>$</c>; the reference model gives the outcomes.
    /// </summary>
    private static (byte[] Chunk, List<string> Outcomes) NoisyChunk(Random random)
    {
        while (true)
        {
            var chunk = new List<byte>();
            int length = random.Next(random.Next(8) == 0 ? 3000 : 400);
            while (chunk.Count < length)
            {
                int pick = random.Next(100);
                if (pick < 2)
                {
                    chunk.AddRange(CorruptedFrame(random));
                    continue;
                }

                chunk.Add(pick switch
                {
                    < 5 => (byte)'$',
                    < 8 => (byte)'\n',
                    < 10 => (byte)'\r',
                    < 12 => (byte)'*',
                    _ => (byte)random.Next(256),
                });
            }

            byte[] bytes = [.. chunk];
            List<string>? outcomes = ReferenceLinkModel.OutcomesBeforeFrame(bytes, MaxLineLength);
            if (outcomes is not null)
            {
                return (bytes, outcomes);
            }
        }
    }

    private static byte[] CorruptedFrame(Random random)
    {
        byte[] line = Encoding.ASCII.GetBytes(ReferenceCrc.Frame($"R,{random.Next(1000)},x={random.Next(100)}") + "\n");
        int digit = line.Length - 2 - random.Next(4);
        line[digit] = line[digit] == (byte)'0' ? (byte)'1' : (byte)'0';
        return line;
    }

    private static Frame RandomFrame(Random random, uint seq) => random.Next(4) switch
    {
        0 => new EventFrame(seq, "note", RandomText(random)),
        1 => new AckFrame(seq, (ushort)random.Next(65536), [new("iv", random.Next(100, 3_600_000).ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        _ => new ReadingFrame(seq, [SensorValue.Create("temp", random.Next(-400, 900) / 10.0), SensorValue.Create("light", random.Next(1024))]),
    };

    private static string RandomText(Random random)
    {
        const string Alphabet = "abc XYZ 09,$*%\t°é€";
        return new string([.. Enumerable.Range(0, random.Next(30)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
    }

    private static IEnumerable<int> ChunkSizes(Random random)
    {
        while (true)
        {
            yield return random.Next(3) == 0 ? random.Next(1, 8) : random.Next(1, 4096);
        }
    }
}
