using System.Buffers;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// Plays the read loop of a link: each chunk arrives as a new segment after the bytes the reader left,
/// the reader reads until it returns false, and what it left is kept (as its own segments) for the next chunk.
/// </summary>
internal sealed class LinkFeeder(FrameReader reader)
{
    private List<ReadOnlyMemory<byte>> _pending = [];

    public List<LinkItem> Items { get; } = [];

    /// <summary>The most bytes the reader ever left unconsumed.</summary>
    public long MaxPending { get; private set; }

    public long PendingLength => _pending.Sum(part => (long)part.Length);

    public LinkFeeder Push(ReadOnlyMemory<byte> chunk)
    {
        _pending.Add(chunk);
        ReadOnlySequence<byte> buffer = Segments.Of(_pending);
        while (reader.TryRead(ref buffer, out LinkItem item))
        {
            Items.Add(item);
        }

        var left = new List<ReadOnlyMemory<byte>>();
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            left.Add(segment);
        }

        _pending = left;
        MaxPending = Math.Max(MaxPending, buffer.Length);
        return this;
    }

    public LinkFeeder PushInChunks(byte[] data, IEnumerable<int> chunkSizes)
    {
        int position = 0;
        foreach (int size in chunkSizes)
        {
            if (position >= data.Length)
            {
                break;
            }

            int length = Math.Min(size, data.Length - position);
            Push(data.AsMemory(position, length));
            position += length;
        }

        if (position < data.Length)
        {
            Push(data.AsMemory(position));
        }

        return this;
    }

    /// <summary>Reads everything a sequence holds in one go; the rest is returned.</summary>
    public static List<LinkItem> ReadAll(FrameReader reader, ref ReadOnlySequence<byte> buffer)
    {
        var items = new List<LinkItem>();
        while (reader.TryRead(ref buffer, out LinkItem item))
        {
            items.Add(item);
        }

        return items;
    }

    public static List<LinkItem> ReadComplete(FrameReader reader, byte[] data)
    {
        var buffer = new ReadOnlySequence<byte>(data);
        List<LinkItem> items = ReadAll(reader, ref buffer);
        Assert.Equal(0, buffer.Length);
        return items;
    }
}
