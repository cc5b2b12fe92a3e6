using System.Text;
using System.Text.Unicode;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>
/// The emulator's own SmartREST 2.0 text handling, kept apart from the gateway's codec so that one
/// checks the other. Upstream it is strict: a row ends at a line feed outside quotes, a field containing
/// a quote must be quoted, an embedded quote is doubled (<c>""</c>), nothing may follow a closing quote.
/// Downstream it writes as Cumulocity does: embedded quotes as <c>\"</c>.
/// </summary>
internal static class WireCsv
{
    /// <summary>Splits a publish into rows of fields; a malformed row gives its reason instead.</summary>
    public static List<(string Text, string[]? Fields, string Error)> ReadRows(ReadOnlySpan<byte> payload)
    {
        var rows = new List<(string, string[]?, string)>();
        if (!Utf8.IsValid(payload))
        {
            rows.Add((Encoding.UTF8.GetString(payload), null, "the payload is not valid UTF-8"));
            return rows;
        }

        var text = Encoding.UTF8.GetString(payload);
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (i == text.Length || (text[i] == '\n' && !inQuotes))
            {
                var row = text[start..i];
                start = i + 1;
                if (row.Length > 0)
                {
                    rows.Add(inQuotes && i == text.Length ? (row, null, "unterminated quote") : ParseRow(row));
                }
            }
        }

        return rows;
    }

    /// <summary>Writes a downstream row the way Cumulocity does.</summary>
    public static string WriteRow(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => NeedsQuotes(f) ? "\"" + f.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : f));

    private static bool NeedsQuotes(string field) =>
        field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]) || field.IndexOfAny(['"', ',', '\n', '\r', '\t']) >= 0);

    private static (string, string[]?, string) ParseRow(string row)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < row.Length && row[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= row.Length)
                    {
                        return (row, null, "unterminated quote");
                    }

                    if (row[i] == '"' && i + 1 < row.Length && row[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (row[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(row[i++]);
                    }
                }

                if (i < row.Length && row[i] != ',')
                {
                    return (row, null, $"text after the closing quote of field {fields.Count + 1}");
                }
            }
            else
            {
                while (i < row.Length && row[i] != ',')
                {
                    if (row[i] is '"' or '\r')
                    {
                        return (row, null, $"field {fields.Count + 1} holds {(row[i] == '"' ? "a quote" : "a carriage return")} but is not quoted");
                    }

                    field.Append(row[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= row.Length)
            {
                return (row, [.. fields], string.Empty);
            }

            i++;
        }
    }
}
