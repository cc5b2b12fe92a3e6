using System.Buffers;

namespace Gateway.Store;

/// <summary>A growable byte buffer the writer fills with frames and hands to one <c>write()</c>. Not thread-safe.</summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    private const int KeptCapacity = 256 * 1024;
    private byte[] _buffer = new byte[16 * 1024];

    public int Length { get; private set; }

    public Span<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Forgets what was written (and gives back memory a burst took).</summary>
    public void Clear()
    {
        Length = 0;
        if (_buffer.Length > KeptCapacity)
        {
            _buffer = new byte[KeptCapacity];
        }
    }

    /// <summary>Forgets everything written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = length;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
