using System.Buffers.Text;

namespace Gateway.Core.Framing;

/// <summary>
/// Appends the parts of one frame line to a span and closes it with <c>*CRC\n</c>. Running out of room
/// is remembered and reported by <see cref="TryFinish"/>; a field that breaks the format throws.
/// </summary>
internal ref struct LineBuilder
{
    private readonly Span<byte> _line;
    private int _length;
    private bool _overflow;

    public LineBuilder(Span<byte> destination) => _line = destination;

    public void Append(byte value)
    {
        if (_length < _line.Length)
        {
            _line[_length++] = value;
        }
        else
        {
            _overflow = true;
        }
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.TryCopyTo(_line[_length..]))
        {
            _length += bytes.Length;
        }
        else
        {
            _overflow = true;
        }
    }

    public void AppendDecimal(uint value)
    {
        if (Utf8Formatter.TryFormat(value, _line[_length..], out int written))
        {
            _length += written;
        }
        else
        {
            _overflow = true;
        }
    }

    /// <summary>Appends <paramref name="value"/> as ASCII after checking it against <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentException">The value does not satisfy the rule.</exception>
    public void AppendField(string value, FieldRule rule, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> ascii = stackalloc byte[FrameWriter.MaxLineLength];
        bool valid = value.Length <= ascii.Length;
        for (int index = 0; valid && index < value.Length; index++)
        {
            char c = value[index];
            valid = c is >= (char)0x20 and <= (char)0x7E;
            ascii[index] = (byte)c;
        }

        if (!valid || !FieldRules.Matches(rule, ascii[..value.Length]))
        {
            throw new ArgumentException($"{what} '{value}' cannot be written in a frame: {FieldRules.Describe(rule)}.");
        }

        Append(ascii[..value.Length]);
    }

    /// <summary>Appends free text, percent-encoded.</summary>
    public void AppendText(string text)
    {
        if (PercentText.TryEncode(text, _line[_length..], out int written))
        {
            _length += written;
        }
        else
        {
            _overflow = true;
        }
    }

    /// <summary>Closes the line with the checksum of everything after the <c>$</c>, and <c>\n</c>.</summary>
    public bool TryFinish(out int bytesWritten)
    {
        if (!_overflow)
        {
            ushort crc = Crc16.Compute(_line[1.._length]);
            Append((byte)'*');
            Append(FrameSyntax.HexDigit(crc >> 12));
            Append(FrameSyntax.HexDigit((crc >> 8) & 0xF));
            Append(FrameSyntax.HexDigit((crc >> 4) & 0xF));
            Append(FrameSyntax.HexDigit(crc & 0xF));
            Append((byte)'\n');
        }

        bytesWritten = _overflow ? 0 : _length;
        return !_overflow;
    }
}
