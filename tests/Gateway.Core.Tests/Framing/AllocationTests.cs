using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>The hot path's promise: a reading costs only the objects of its result.</summary>
public class AllocationTests
{
    [Fact]
    public void A_reading_with_repeated_names_and_values_allocates_only_its_frame_and_value_array()
    {
        const int Count = 2_000;
        var reader = new FrameReader();
        byte[] line = Encoding.ASCII.GetBytes(ReferenceCrc.Frame("R,42,temp=21.50,light=40.1") + "\n");
        ReadMany(reader, line, 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadMany(reader, line, Count);
        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / Count;

        // A ReadingFrame (~32 bytes) and a SensorValue[2] (~72 bytes) on 64-bit.
        Assert.True(perFrame <= 128, $"{perFrame} bytes per reading frame");
    }

    [Fact]
    public void A_line_split_across_segments_costs_no_more()
    {
        const int Count = 2_000;
        var reader = new FrameReader();
        byte[] line = Encoding.ASCII.GetBytes(ReferenceCrc.Frame("R,42,temp=21.50,light=40.1") + "\n");
        ReadOnlySequence<byte> split = Segments.SplitAt(line, 11);
        ReadMany(reader, split, 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadMany(reader, split, Count);
        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / Count;

        Assert.True(perFrame <= 128, $"{perFrame} bytes per reading frame");
    }

    private static void ReadMany(FrameReader reader, byte[] line, int count) =>
        ReadMany(reader, new ReadOnlySequence<byte>(line), count);

    private static void ReadMany(FrameReader reader, ReadOnlySequence<byte> line, int count)
    {
        for (int index = 0; index < count; index++)
        {
            ReadOnlySequence<byte> buffer = line;
            Assert.True(reader.TryRead(ref buffer, out LinkItem item) && item.Kind == LinkItemKind.Frame);
        }
    }
}
