using System.Buffers;

namespace Gateway.Core.Tests.Framing;

/// <summary>Builds <see cref="ReadOnlySequence{T}"/>s of several segments, as a pipe hands them out.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        if (parts.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(parts[0], 0);
        Segment last = first;
        for (int index = 1; index < parts.Count; index++)
        {
            last = last.Append(parts[index]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static ReadOnlySequence<byte> SplitAt(byte[] data, int index) =>
        Of([data.AsMemory(0, index), data.AsMemory(index)]);

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] data) =>
        Of([.. Enumerable.Range(0, data.Length).Select(index => data.AsMemory(index, 1))]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
