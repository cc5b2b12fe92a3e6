using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// Reads the rows of a SmartREST 2.0 publish: rows end at a line feed outside quotes (a carriage return
/// ending a row is dropped), fields are comma-separated, a quoted field may hold commas, line feeds
/// and escaped quotes. Pure: no I/O, never throws for bad input.
/// </summary>
public static class SmartRestReader
{
    private const byte Quote = (byte)'"';
    private const byte Comma = (byte)',';
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';
    private const byte Backslash = (byte)'\\';

    /// <summary>
    /// Reads the next row from the start of <paramref name="payload"/> and slices off what it used.
    /// Returns true with the row; false with a reason when the row is malformed (it is consumed all the
    /// same, so reading can go on); false with an empty reason when only empty lines were left. Loop while
    /// <paramref name="payload"/> is not empty.
    /// </summary>
    public static bool TryReadRow(
        ref ReadOnlySpan<byte> payload, SmartRestQuoteEscape escape, [NotNullWhen(true)] out SmartRestRow? row, out string error)
    {
        row = null;
        error = string.Empty;
        while (!payload.IsEmpty)
        {
            var length = RowLength(payload, escape, out var consumed, out var structureError);
            var line = payload[..length];
            payload = payload[consumed..];
            if (length > 0 && line[^1] == CarriageReturn)
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (!Utf8.IsValid(line))
            {
                error = "the row is not valid UTF-8";
                return false;
            }

            if (structureError.Length > 0)
            {
                error = $"{structureError}: {Preview(line)}";
                return false;
            }

            var fields = ParseFields(line, escape);
            if (fields[0].Length == 0)
            {
                error = $"the row has no template id: {Preview(line)}";
                return false;
            }

            row = new SmartRestRow(fields);
            return true;
        }

        return false;
    }

    /// <summary>Reads every row; false with the first reason when any row is malformed.</summary>
    public static bool TryReadAll(ReadOnlySpan<byte> payload, SmartRestQuoteEscape escape, out ImmutableArray<SmartRestRow> rows, out string error)
    {
        var found = ImmutableArray.CreateBuilder<SmartRestRow>();
        while (!payload.IsEmpty)
        {
            if (TryReadRow(ref payload, escape, out var row, out error))
            {
                found.Add(row);
            }
            else if (error.Length > 0)
            {
                rows = [];
                return false;
            }
        }

        rows = found.ToImmutable();
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The length of the first row (up to, not including, its line feed) and how many bytes it uses with
    /// the line feed; a structural error (unterminated quote, text after a closing quote) when there is one.
    /// </summary>
    private static int RowLength(ReadOnlySpan<byte> payload, SmartRestQuoteEscape escape, out int consumed, out string error)
    {
        error = string.Empty;
        var fieldStart = true;
        var i = 0;
        while (i < payload.Length)
        {
            var b = payload[i];
            if (b == LineFeed)
            {
                consumed = i + 1;
                return i;
            }

            if (fieldStart && b == Quote)
            {
                var close = ClosingQuote(payload, i + 1, escape);
                if (close < 0)
                {
                    error = "unterminated quote";
                    consumed = payload.Length;
                    return payload.Length;
                }

                i = close + 1;
                var next = i < payload.Length ? payload[i] : LineFeed;
                var afterCarriageReturn = i + 1 < payload.Length ? payload[i + 1] : LineFeed;
                if (next is not (Comma or LineFeed) && !(next == CarriageReturn && afterCarriageReturn == LineFeed) && error.Length == 0)
                {
                    error = "text after a closing quote";
                }

                fieldStart = false;
                continue;
            }

            fieldStart = b == Comma;
            i++;
        }

        consumed = payload.Length;
        return payload.Length;
    }

    /// <summary>The index of the quote that closes a field whose content starts at <paramref name="start"/>, or -1.</summary>
    private static int ClosingQuote(ReadOnlySpan<byte> payload, int start, SmartRestQuoteEscape escape)
    {
        var i = start;
        while (i < payload.Length)
        {
            var b = payload[i];
            if (b == Backslash && escape == SmartRestQuoteEscape.DoubledOrBackslash && i + 1 < payload.Length && payload[i + 1] == Quote)
            {
                i += 2;
            }
            else if (b == Quote)
            {
                if (i + 1 < payload.Length && payload[i + 1] == Quote)
                {
                    i += 2;
                }
                else
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>Splits a well-formed row into unescaped fields.</summary>
    private static ImmutableArray<string> ParseFields(ReadOnlySpan<byte> line, SmartRestQuoteEscape escape)
    {
        var fields = ImmutableArray.CreateBuilder<string>();
        var scratch = new List<byte>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == Quote)
            {
                scratch.Clear();
                i++;
                while (true)
                {
                    var b = line[i];
                    if (b == Backslash && escape == SmartRestQuoteEscape.DoubledOrBackslash && i + 1 < line.Length && line[i + 1] == Quote)
                    {
                        scratch.Add(Quote);
                        i += 2;
                    }
                    else if (b == Quote && i + 1 < line.Length && line[i + 1] == Quote)
                    {
                        scratch.Add(Quote);
                        i += 2;
                    }
                    else if (b == Quote)
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        scratch.Add(b);
                        i++;
                    }
                }

                fields.Add(Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(scratch)));
            }
            else
            {
                var end = line[i..].IndexOf(Comma);
                var field = end < 0 ? line[i..] : line.Slice(i, end);
                fields.Add(Encoding.UTF8.GetString(field));
                i += field.Length;
            }

            if (i >= line.Length)
            {
                return fields.ToImmutable();
            }

            i++; // the comma
            if (i == line.Length)
            {
                fields.Add(string.Empty);
                return fields.ToImmutable();
            }
        }
    }

    private static string Preview(ReadOnlySpan<byte> line)
    {
        const int Max = 60;
        var text = Encoding.UTF8.GetString(line.Length > Max ? line[..Max] : line);
        return line.Length > Max ? text + "…" : text;
    }
}
