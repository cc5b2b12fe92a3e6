using System.Collections.Immutable;
using System.Text;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// How upstream SmartREST 2.0 fields are written: comma-separated; a field is quoted when it holds a
/// quote, a comma, a line feed, a carriage return, a tab, or whitespace at either end; an embedded quote
/// is doubled (<c>""</c>, as Cumulocity accepts from thin-edge.io; the backslash form is documented too
/// but is ambiguous next to a literal backslash). Trailing empty fields are left out (<c>100,,</c> equals
/// <c>100</c>).
/// </summary>
public static class SmartRestEncoding
{
    /// <summary>Whether <paramref name="field"/> must be quoted.</summary>
    public static bool NeedsQuoting(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
        {
            return false;
        }

        if (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]))
        {
            return true;
        }

        return field.IndexOfAny("\",\n\r\t") >= 0;
    }

    /// <summary>Appends <paramref name="field"/>, quoted and escaped when needed.</summary>
    public static void AppendField(StringBuilder output, string field)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(field);
        if (!NeedsQuoting(field))
        {
            output.Append(field);
            return;
        }

        output.Append('"');
        foreach (var c in field)
        {
            if (c == '"')
            {
                output.Append('"');
            }

            output.Append(c);
        }

        output.Append('"');
    }

    /// <summary>Encodes a row: the fields joined by commas, trailing empty fields left out.</summary>
    public static string EncodeRow(ImmutableArray<string> fields)
    {
        var count = fields.Length;
        while (count > 1 && fields[count - 1].Length == 0)
        {
            count--;
        }

        var text = new StringBuilder(count * 12);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            AppendField(text, fields[i]);
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxBytes"/> UTF-8 bytes without splitting a
    /// character (a surrogate pair stays whole or goes whole).
    /// </summary>
    public static string TruncateUtf8(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (text.Length * 3 <= maxBytes || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = width == 2 ? 4 : Utf8Size(text[i]);
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            i += width;
        }

        return text[..i];
    }

    private static int Utf8Size(char c) => c switch
    {
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ => 3, // a lone surrogate is written as U+FFFD, 3 bytes
    };
}
