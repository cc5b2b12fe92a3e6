using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Gateway.Core.Framing;

/// <summary>
/// Free text in a frame field (event text, nak text), per ADR 0001: the text's UTF-8 bytes, with
/// <c>%</c>, <c>$</c>, <c>*</c>, <c>,</c> and every byte outside 0x20–0x7E written as <c>%XX</c>
/// in upper-case hex.
/// </summary>
public static class PercentText
{
    private const int StackLimit = 256;

    /// <summary>Encodes <paramref name="text"/>; unpaired surrogates become U+FFFD.</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int length = GetEncodedLength(text);
        byte[] encoded = new byte[length];
        TryEncode(text, encoded, out _);
        return Encoding.ASCII.GetString(encoded);
    }

    /// <summary>The number of bytes <see cref="TryEncode"/> writes for <paramref name="text"/>.</summary>
    public static int GetEncodedLength(ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int length = 0;
        while (!text.IsEmpty)
        {
            Rune.DecodeFromUtf16(text, out Rune rune, out int used);
            text = text[used..];
            int count = rune.EncodeToUtf8(utf8);
            foreach (byte value in utf8[..count])
            {
                length += MustEscape(value) ? 3 : 1;
            }
        }

        return length;
    }

    /// <summary>
    /// Encodes <paramref name="text"/> into <paramref name="destination"/>; false when it does not fit.
    /// </summary>
    public static bool TryEncode(ReadOnlySpan<char> text, Span<byte> destination, out int bytesWritten)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int position = 0;
        bytesWritten = 0;
        while (!text.IsEmpty)
        {
            Rune.DecodeFromUtf16(text, out Rune rune, out int used);
            text = text[used..];
            int count = rune.EncodeToUtf8(utf8);
            foreach (byte value in utf8[..count])
            {
                if (!MustEscape(value))
                {
                    if (position >= destination.Length)
                    {
                        return false;
                    }

                    destination[position++] = value;
                    continue;
                }

                if (position + 3 > destination.Length)
                {
                    return false;
                }

                destination[position] = (byte)'%';
                destination[position + 1] = FrameSyntax.HexDigit(value >> 4);
                destination[position + 2] = FrameSyntax.HexDigit(value & 0xF);
                position += 3;
            }
        }

        bytesWritten = position;
        return true;
    }

    /// <summary>
    /// Decodes the field bytes <paramref name="encoded"/>. False when they hold a byte that must be
    /// escaped or a <c>%</c> not followed by two hex digits (either case). Byte sequences that are not
    /// UTF-8 decode to U+FFFD, so a board's stray Latin-1 byte does not cost the whole text.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (!FrameSyntax.IsFieldText(encoded))
        {
            return false;
        }

        int escape = encoded.IndexOf((byte)'%');
        if (escape < 0)
        {
            text = Encoding.ASCII.GetString(encoded);
            return true;
        }

        Span<byte> decoded = encoded.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[encoded.Length];
        encoded[..escape].CopyTo(decoded);
        int length = escape;
        for (int index = escape; index < encoded.Length; index++)
        {
            byte value = encoded[index];
            if (value == (byte)'%')
            {
                if (!FrameSyntax.IsHex(encoded.Slice(index + 1, Math.Min(2, encoded.Length - index - 1)), 2))
                {
                    return false;
                }

                value = (byte)((FrameSyntax.HexValue(encoded[index + 1]) << 4) | FrameSyntax.HexValue(encoded[index + 2]));
                index += 2;
            }

            decoded[length++] = value;
        }

        text = Encoding.UTF8.GetString(decoded[..length]);
        return true;
    }

    private static bool MustEscape(byte value) =>
        value is < 0x20 or > 0x7E or (byte)'%' or (byte)'$' or (byte)'*' or (byte)',';
}
