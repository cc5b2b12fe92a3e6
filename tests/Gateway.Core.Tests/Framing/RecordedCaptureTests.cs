using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>A session recorded from the real sensor-node firmware, fed whole, split at every byte, and byte by byte.</summary>
public sealed class RecordedCaptureTests
{
    private static readonly byte[] Capture =
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "vectors", "captures", "sensor-node-session.bin"));

    /// <summary>What the capture holds, worked out by splitting lines — independently of the reader.</summary>
    private static readonly (string Kind, uint Seq)[] Expected = Encoding.ASCII.GetString(Capture)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.StartsWith('$')
            ? (line[1].ToString(), uint.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))
            : ("debug", 0u))
        .ToArray();

    [Fact]
    public void The_capture_holds_every_kind_of_frame_the_sketch_sends()
    {
        var kinds = Expected.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, kinds["debug"]);
        Assert.Equal(2, kinds["H"]);
        Assert.True(kinds["R"] > 20);
        Assert.True(kinds["E"] >= 4);
        Assert.True(kinds["A"] >= 5);
        Assert.Equal(2, kinds["N"]);
    }

    [Fact]
    public void Read_whole_it_gives_every_frame_in_order_and_no_rejection()
    {
        var reader = new FrameReader();
        Assert.Equal(Expected, ReadAll(reader, [Capture]));
        Assert.Equal(0, reader.Counters.Snapshot().Rejections);
    }

    [Fact]
    public void Split_at_every_byte_index_it_gives_the_same_frames()
    {
        for (var split = 1; split < Capture.Length; split++)
        {
            var reader = new FrameReader();
            var items = ReadAll(reader, [Capture[..split], Capture[split..]]);
            Assert.True(Expected.SequenceEqual(items), $"split at {split}");
            Assert.Equal(0, reader.Counters.Snapshot().Rejections);
        }
    }

    [Fact]
    public void Fed_one_byte_at_a_time_it_gives_the_same_frames()
    {
        var reader = new FrameReader();
        var chunks = Capture.Select(b => new[] { b }).ToArray();
        Assert.Equal(Expected, ReadAll(reader, chunks));
    }

    [Fact]
    public void The_resend_replays_the_original_sequence_numbers()
    {
        var reader = new FrameReader();
        var frames = ReadFrames(reader, Capture);
        var ack = frames.OfType<AckFrame>().Single(a => a.Fields.Any(f => f.Key == "from"));
        var from = uint.Parse(ack.Fields.Single(f => f.Key == "from").Value, System.Globalization.CultureInfo.InvariantCulture);
        var to = uint.Parse(ack.Fields.Single(f => f.Key == "to").Value, System.Globalization.CultureInfo.InvariantCulture);
        var after = frames.SkipWhile(f => f != ack).Skip(1).Where(f => f is ReadingFrame or EventFrame).Take((int)(to - from + 1));
        Assert.Equal(Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (uint)i), after.Select(f => f.Seq));
    }

    /// <summary>Feeds the chunks as a stream would arrive: each read appended to what the reader left.</summary>
    private static List<(string Kind, uint Seq)> ReadAll(FrameReader reader, byte[][] chunks)
    {
        var items = new List<(string, uint)>();
        var pending = Array.Empty<byte>();
        foreach (var chunk in chunks)
        {
            var sequence = new ReadOnlySequence<byte>([.. pending, .. chunk]);
            while (reader.TryRead(ref sequence, out var item))
            {
                items.Add(item.Kind switch
                {
                    LinkItemKind.Frame => (((char)item.Frame!.Type).ToString(), item.Frame.Seq),
                    LinkItemKind.Debug => ("debug", 0u),
                    _ => ($"unexpected {item.Kind} {item.Rejection}", 0u),
                });
            }

            pending = sequence.ToArray();
        }

        return items;
    }

    private static List<Frame> ReadFrames(FrameReader reader, byte[] bytes)
    {
        var frames = new List<Frame>();
        var sequence = new ReadOnlySequence<byte>(bytes);
        while (reader.TryRead(ref sequence, out var item))
        {
            if (item.Frame is { } frame)
            {
                frames.Add(frame);
            }
        }

        return frames;
    }
}
