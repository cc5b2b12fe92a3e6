using Microsoft.Win32.SafeHandles;

namespace Gateway.Store;

/// <summary>
/// Reads frames from a segment or state file at given offsets through one buffer (positioned reads, so the
/// writer can append to the same file meanwhile). Never reads past the limit it is given. Not thread-safe.
/// </summary>
internal sealed class FrameFileReader : IDisposable
{
    private readonly SafeFileHandle _file;
    private byte[] _buffer;
    private long _bufferStart;
    private int _bufferLength;

    private FrameFileReader(SafeFileHandle file, int bufferSize)
    {
        _file = file;
        _buffer = new byte[bufferSize];
    }

    public long FileLength => RandomAccess.GetLength(_file);

    /// <summary>Opens <paramref name="path"/> for reading; <see cref="FileNotFoundException"/> when it is gone.</summary>
    public static FrameFileReader Open(string path, int bufferSize) =>
        new(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), bufferSize);

    /// <summary>Reads the frame at <paramref name="offset"/>, looking no further than <paramref name="limit"/>.</summary>
    public FrameStatus TryRead(long offset, long limit, out ReadOnlySpan<byte> body, out int frameLength)
    {
        var status = SegmentFormat.TryReadFrame(Window(offset, SegmentFormat.FrameHeaderSize, limit), out body, out frameLength);
        if (status == FrameStatus.Short && frameLength > 0 && offset + frameLength <= limit)
        {
            status = SegmentFormat.TryReadFrame(Window(offset, frameLength, limit), out body, out frameLength);
        }

        return status;
    }

    /// <summary>Up to <paramref name="count"/> bytes at <paramref name="offset"/> (fewer at the limit).</summary>
    public ReadOnlySpan<byte> Read(long offset, int count, long limit)
    {
        var window = Window(offset, count, limit);
        return window.Length > count ? window[..count] : window;
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The buffered bytes from <paramref name="offset"/> up to the limit, at least <paramref name="needed"/> when the file has them.</summary>
    private ReadOnlySpan<byte> Window(long offset, int needed, long limit)
    {
        var end = Math.Min(_bufferStart + _bufferLength, limit);
        if (offset >= _bufferStart && offset + needed <= end)
        {
            return _buffer.AsSpan((int)(offset - _bufferStart), (int)(end - offset));
        }

        if (needed > _buffer.Length)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        _bufferStart = offset;
        _bufferLength = 0;
        var wanted = (int)Math.Max(0, Math.Min(_buffer.Length, limit - offset));
        while (_bufferLength < wanted)
        {
            var read = RandomAccess.Read(_file, _buffer.AsSpan(_bufferLength, wanted - _bufferLength), offset + _bufferLength);
            if (read == 0)
            {
                break;
            }

            _bufferLength += read;
        }

        return _buffer.AsSpan(0, _bufferLength);
    }
}
