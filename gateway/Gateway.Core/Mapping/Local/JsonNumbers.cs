using System.Text.Json;
using Gateway.Core.Framing;

namespace Gateway.Core.Mapping.Local;

/// <summary>
/// Writes a sensor value as a JSON number exactly as the board sent it when that text is valid JSON
/// (so <c>21.50</c> stays <c>21.50</c> and a 19-digit integer keeps every digit), and from the double
/// otherwise (e.g. <c>007</c>, which JSON forbids).
/// </summary>
internal static class JsonNumbers
{
    public static void Write(Utf8JsonWriter json, SensorValue value)
    {
        if (IsJsonNumber(value.Text))
        {
            json.WriteRawValue(value.Text, skipInputValidation: true);
        }
        else
        {
            json.WriteNumberValue(value.Value);
        }
    }

    /// <summary>Whether <paramref name="text"/> follows JSON's number grammar (RFC 8259 §6).</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool SkipDigits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }
}
