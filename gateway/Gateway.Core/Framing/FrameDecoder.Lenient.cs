using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Gateway.Core.Framing;

/// <summary>
/// Lines of a lenient port: numeric <c>name=value</c> or <c>name:value</c> pairs separated by spaces,
/// tabs, commas or semicolons (<c>temperature=21.5 humidity=40</c>).
/// </summary>
internal sealed partial class FrameDecoder
{
    private static readonly SearchValues<byte> LenientSeparators = SearchValues.Create(" \t,;"u8);

    /// <summary>The reading a lenient line holds, with seq 0; false when the line is not one.</summary>
    public bool TryDecodeLenient(ReadOnlySpan<byte> line, [NotNullWhen(true)] out ReadingFrame? reading)
    {
        reading = null;

        // Check every token before allocating: most lines that are not readings fail here.
        int count = 0;
        ReadOnlySpan<byte> rest = line;
        while (TryReadToken(ref rest, out ReadOnlySpan<byte> token))
        {
            if (!TrySplitPair(token, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> text)
                || !FrameSyntax.IsName(name) || !FrameSyntax.IsNumber(text))
            {
                return false;
            }

            count++;
        }

        if (count == 0)
        {
            return false;
        }

        var values = new SensorValue[count];
        rest = line;
        for (int index = 0; index < count; index++)
        {
            TryReadToken(ref rest, out ReadOnlySpan<byte> token);
            TrySplitPair(token, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> text);
            if (!TryParseValue(name, text, out SensorValue value) || ContainsName(values.AsSpan(0, index), value.Name))
            {
                return false;
            }

            values[index] = value;
        }

        reading = new ReadingFrame(0, ImmutableCollectionsMarshal.AsImmutableArray(values));
        return true;
    }

    private static bool TryReadToken(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        int start = rest.IndexOfAnyExcept(LenientSeparators);
        if (start < 0)
        {
            token = default;
            rest = default;
            return false;
        }

        rest = rest[start..];
        int end = rest.IndexOfAny(LenientSeparators);
        token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[end..];
        return true;
    }

    private static bool TrySplitPair(ReadOnlySpan<byte> token, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> text)
    {
        int separator = token.IndexOfAny((byte)'=', (byte)':');
        name = separator < 0 ? default : token[..separator];
        text = separator < 0 ? default : token[(separator + 1)..];
        return separator > 0;
    }
}
