using System.Buffers;
using System.Text;

namespace Gateway.Core.Framing;

/// <summary>
/// Splits the bytes of one serial link into frames, lenient readings, debug lines and rejections, per
/// ADR 0001. One per link, used by one thread; pure (no I/O, no logging). Call <see cref="TryRead"/>
/// until it returns false, then hand the rest of the buffer back with more bytes.
/// </summary>
public sealed class FrameReader
{
    private const byte Dollar = (byte)'$';
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    private readonly int _maxLineLength;
    private readonly bool _lenient;
    private readonly byte[] _scratch;
    private readonly FrameDecoder _decoder = new();
    private bool _skippingOverlong;
    private bool _afterReset;

    /// <summary>A reader with ADR 0001's defaults: lines up to 256 bytes, not lenient.</summary>
    public FrameReader()
        : this(new FrameReaderOptions())
    {
    }

    /// <summary>A reader configured by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The maximum line length is out of range.</exception>
    public FrameReader(FrameReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxLineLength is < FrameReaderOptions.SmallestMaxLineLength or > FrameReaderOptions.LargestMaxLineLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.MaxLineLength,
                $"{nameof(FrameReaderOptions.MaxLineLength)} must be {FrameReaderOptions.SmallestMaxLineLength}–{FrameReaderOptions.LargestMaxLineLength}.");
        }

        _maxLineLength = options.MaxLineLength;
        _lenient = options.Lenient;
        _scratch = new byte[_maxLineLength];
    }

    /// <summary>What this reader has seen; readable from any thread.</summary>
    public FrameCounters Counters { get; } = new();

    /// <summary>
    /// Whether the board last announced another protocol version: until a valid version 1 hello, every
    /// checksummed frame other than a hello is rejected as <see cref="Rejection.Version"/>.
    /// </summary>
    public bool IsVersionMismatch { get; private set; }

    /// <summary>
    /// Forgets the line in progress, for when the link is reopened. With <paramref name="discardFirstLine"/>
    /// (bytes were already waiting when the port opened), the first line, if it does not start with <c>$</c>,
    /// is the stale tail of an earlier line and is reported as debug, never as a lenient reading. The
    /// version state is kept: the same board is most likely still there.
    /// </summary>
    public void Reset(bool discardFirstLine = true)
    {
        _skippingOverlong = false;
        _afterReset = discardFirstLine;
    }

    /// <summary>
    /// Reads the next item from the start of <paramref name="buffer"/> and slices off what it used.
    /// Returns false when the buffer holds no complete item; bytes it could drop (empty lines, the rest of
    /// an overlong line) are consumed then too, and what is left is less than one line.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out LinkItem item)
    {
        while (!buffer.IsEmpty)
        {
            if (_skippingOverlong && !TrySkipOverlongRest(ref buffer))
            {
                break;
            }

            if (buffer.IsEmpty)
            {
                break;
            }

            ReadOnlySpan<byte> window = GetWindow(buffer);
            bool isFrame = window[0] == Dollar;
            int end = FindUnitEnd(window, isFrame);
            if (end < 0)
            {
                if (window.Length < _maxLineLength)
                {
                    break;
                }

                item = Reject(Rejection.Overlong, window);
                _skippingOverlong = true;
                _afterReset = false;
                Consume(ref buffer, window.Length);
                return true;
            }

            bool endsLine = window[end] == LineFeed;
            ReadOnlySpan<byte> unit = window[..end];
            Consume(ref buffer, endsLine ? end + 1 : end);
            if (TryClassify(unit, isFrame, endsLine, out item))
            {
                return true;
            }
        }

        item = default;
        return false;
    }

    /// <summary>
    /// The first bytes of the buffer, at most one line's worth: the first segment when the unit ends in it
    /// (the common case, no copy), otherwise a copy of a line split across segments into the scratch buffer.
    /// </summary>
    private ReadOnlySpan<byte> GetWindow(in ReadOnlySequence<byte> buffer)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= _maxLineLength)
        {
            return first[.._maxLineLength];
        }

        if (buffer.IsSingleSegment || (!first.IsEmpty && FindUnitEnd(first, first[0] == Dollar) >= 0))
        {
            return first;
        }

        int length = (int)Math.Min(buffer.Length, _maxLineLength);
        Span<byte> copy = _scratch.AsSpan(0, length);
        buffer.Slice(0, length).CopyTo(copy);
        return copy;
    }

    /// <summary>Where the unit at the start of <paramref name="window"/> ends: its <c>\n</c> or the next <c>$</c>.</summary>
    private static int FindUnitEnd(ReadOnlySpan<byte> window, bool isFrame)
    {
        if (!isFrame)
        {
            return window.IndexOfAny(LineFeed, Dollar);
        }

        int end = window[1..].IndexOfAny(LineFeed, Dollar);
        return end < 0 ? end : end + 1;
    }

    /// <summary>Drops bytes up to the end of an overlong line: its <c>\n</c> (consumed) or a <c>$</c> (kept).</summary>
    private bool TrySkipOverlongRest(ref ReadOnlySequence<byte> buffer)
    {
        long skipped = 0;
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            ReadOnlySpan<byte> span = segment.Span;
            int end = span.IndexOfAny(LineFeed, Dollar);
            if (end >= 0)
            {
                _skippingOverlong = false;
                Consume(ref buffer, skipped + end + (span[end] == LineFeed ? 1 : 0));
                return true;
            }

            skipped += span.Length;
        }

        Consume(ref buffer, skipped);
        return false;
    }

    private bool TryClassify(ReadOnlySpan<byte> unit, bool isFrame, bool endsLine, out LinkItem item)
    {
        if (!unit.IsEmpty && unit[^1] == CarriageReturn)
        {
            unit = unit[..^1];
        }

        bool stale = _afterReset;
        _afterReset = false;
        if (isFrame)
        {
            // A frame cut short by a new '$' never got its line end.
            item = endsLine ? DecodeFrame(unit) : Reject(Rejection.Malformed, unit);
            return true;
        }

        if (unit.IsEmpty)
        {
            item = default;
            return false;
        }

        if (_lenient && endsLine && !stale && _decoder.TryDecodeLenient(unit, out ReadingFrame? reading))
        {
            Counters.CountLenientReading();
            item = LinkItem.ForLenientReading(reading);
            return true;
        }

        Counters.CountDebugLine();
        item = LinkItem.ForDebug(Encoding.UTF8.GetString(unit));
        return true;
    }

    private LinkItem DecodeFrame(ReadOnlySpan<byte> line)
    {
        Rejection rejection = _decoder.Decode(line, IsVersionMismatch, out Frame? frame);
        if (frame is null)
        {
            IsVersionMismatch |= rejection == Rejection.Version;
            return Reject(rejection, line);
        }

        if (frame.Type == FrameType.Hello)
        {
            IsVersionMismatch = false;
        }

        Counters.CountFrame(frame.Type);
        return LinkItem.ForFrame(frame);
    }

    private LinkItem Reject(Rejection rejection, ReadOnlySpan<byte> bytes)
    {
        Counters.CountRejection(rejection);
        return LinkItem.ForRejection(rejection, Encoding.UTF8.GetString(bytes));
    }

    private void Consume(ref ReadOnlySequence<byte> buffer, long count)
    {
        buffer = buffer.Slice(count);
        Counters.CountBytes(count);
    }
}
