using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

public class SmartRestReaderTests
{
    private const SmartRestQuoteEscape Doubled = SmartRestQuoteEscape.Doubled;
    private const SmartRestQuoteEscape Both = SmartRestQuoteEscape.DoubledOrBackslash;

    [Theory]
    [InlineData(Doubled)]
    [InlineData(Both)]
    public void Doubled_quotes_are_read_in_both_modes(SmartRestQuoteEscape escape) =>
        Assert.Equal(["511", "d", "say \"hi\""], SmartRestText.ReadOne("511,d,\"say \"\"hi\"\"\"", escape).Fields);

    [Fact]
    public void A_backslash_quote_is_a_quote_downstream_and_two_characters_upstream()
    {
        Assert.Equal(["511", "d", "a \"b\" c"], SmartRestText.ReadOne("511,d,\"a \\\"b\\\" c\"", Both).Fields);
        Assert.Equal(["503", "c8y_Command", "C:\\dir\\\"x\""], SmartRestText.ReadOne("503,c8y_Command,\"C:\\dir\\\"\"x\"\"\"", Doubled).Fields);
    }

    [Fact]
    public void Other_backslashes_are_ordinary_characters()
    {
        Assert.Equal(["511", "d", "a\\b\\\\c"], SmartRestText.ReadOne("511,d,\"a\\b\\\\c\"", Both).Fields);
        Assert.Equal(["511", "d", "a\\b"], SmartRestText.ReadOne("511,d,a\\b", Both).Fields);
    }

    [Fact]
    public void Quoted_fields_keep_commas_line_feeds_carriage_returns_tabs_and_spaces()
    {
        var row = SmartRestText.ReadOne("113,\" a,b\r\n\tc \",x", Doubled);

        Assert.Equal(["113", " a,b\r\n\tc ", "x"], row.Fields);
    }

    [Fact]
    public void Empty_fields_are_kept_in_place()
    {
        Assert.Equal(["100", "", "myType"], SmartRestText.ReadOne("100,,myType", Doubled).Fields);
        Assert.Equal(["502", "c8y_SoftwareUpdate", ""], SmartRestText.ReadOne("502,c8y_SoftwareUpdate,", Doubled).Fields);
        Assert.Equal(["100", "", ""], SmartRestText.ReadOne("100,,", Doubled).Fields);
        Assert.Equal(["113", ""], SmartRestText.ReadOne("113,\"\"", Doubled).Fields);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_an_ordinary_character() =>
        Assert.Equal(["511", "d", "say a\"b"], SmartRestText.ReadOne("511,d,say a\"b", Both).Fields);

    [Fact]
    public void Rows_split_on_line_feeds_outside_quotes_only_and_empty_lines_are_skipped()
    {
        var rows = SmartRestText.ReadAll("\n510,a\r\n\n511,b,\"x\ny\"\r\n511,c,\"p\r\nq\"\n\n", Both);

        Assert.Equal(["510,a", "511,b,\"x\ny\"", "511,c,\"p\r\nq\""], rows.Select(r => r.Text));
    }

    [Fact]
    public void A_malformed_row_is_reported_and_reading_goes_on()
    {
        ReadOnlySpan<byte> payload = "510,a\n511,b,\"x\"y\n510,c"u8;
        var results = new List<string>();
        while (!payload.IsEmpty)
        {
            results.Add(SmartRestReader.TryReadRow(ref payload, Both, out var row, out var error) ? row.Text : "error: " + error);
        }

        Assert.Equal(3, results.Count);
        Assert.Equal("510,a", results[0]);
        Assert.StartsWith("error: text after a closing quote", results[1], StringComparison.Ordinal);
        Assert.Equal("510,c", results[2]);
    }

    [Theory]
    [InlineData("511,d,\"never closed", "unterminated quote")]
    [InlineData("511,d,\"never\nclosed\n510,d", "unterminated quote")]
    [InlineData("511,d,\"ends in a backslash\\\"", "unterminated quote")]
    [InlineData("511,d,\"x\" ,y", "text after a closing quote")]
    [InlineData(",d", "no template id")]
    public void Malformed_rows_are_failures_with_a_reason(string payload, string reason) =>
        Assert.Contains(reason, SmartRestText.Failure(payload, Both), StringComparison.Ordinal);

    [Fact]
    public void A_row_that_is_not_utf8_is_a_failure_and_the_next_row_is_read()
    {
        byte[] payload = [.. "511,d,"u8, 0xC3, 0x28, .. "\n510,d"u8];
        ReadOnlySpan<byte> rest = payload;

        Assert.False(SmartRestReader.TryReadRow(ref rest, Both, out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
        Assert.True(SmartRestReader.TryReadRow(ref rest, Both, out var next, out _));
        Assert.Equal("510,d", next.Text);
        Assert.False(SmartRestReader.TryReadAll(payload, Both, out var none, out var first));
        Assert.Empty(none);
        Assert.Contains("UTF-8", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicode_is_read_as_utf8() =>
        Assert.Equal(["400", "c8y_Event", "Temperatur über 30 °C ✓ 🌡"], SmartRestText.ReadOne("400,c8y_Event,Temperatur über 30 °C ✓ 🌡", Doubled).Fields);

    [Fact]
    public void An_empty_payload_or_one_of_empty_lines_has_no_rows()
    {
        ReadOnlySpan<byte> empty = "\n\r\n\n"u8;

        Assert.False(SmartRestReader.TryReadRow(ref empty, Both, out var row, out var error));
        Assert.Null(row);
        Assert.Empty(error);
        Assert.True(empty.IsEmpty);
        Assert.Empty(SmartRestText.ReadAll(string.Empty, Both));
    }

    [Theory]
    [InlineData("510,dev,extra", "needs 2 fields, got 3")]
    [InlineData("517,dev", "needs 3 fields, got 2")]
    [InlineData("518,dev,HALF", "OPEN or CLOSED")]
    [InlineData("519,dev,OPEN,maybe", "at field 4")]
    [InlineData("519,dev", "at least 3 fields")]
    [InlineData("515,dev,name", "needs 4–5 fields")]
    [InlineData("512,dev", "not a static operation template")]
    [InlineData("999,dev", "not a static operation template")]
    [InlineData("510,", "names no device")]
    public void Operation_rows_with_the_wrong_shape_are_failures(string text, string reason)
    {
        var row = SmartRestText.ReadOne(text, Both);

        Assert.False(SmartRestDecoder.TryDecodeOperation(row, out var operation, out var error));
        Assert.Null(operation);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_is_read_as_closed_and_states_ignore_case()
    {
        Assert.True(SmartRestDecoder.TryDecodeOperation(SmartRestText.ReadOne("519,d,CLOSE,open,Closed", Both), out var operation, out _));
        Assert.Equal(new RelayArrayOperation("d", [RelayState.Closed, RelayState.Open, RelayState.Closed]), operation);
    }

    [Fact]
    public void Text_operations_may_leave_their_empty_text_out()
    {
        Assert.True(SmartRestDecoder.TryDecodeOperation(SmartRestText.ReadOne("511,d", Both), out var command, out _));
        Assert.Equal(new CommandOperation("d", string.Empty), command);
        Assert.True(SmartRestDecoder.TryDecodeOperation(SmartRestText.ReadOne("515,d,fw,2.0", Both), out var firmware, out _));
        Assert.Equal(new FirmwareOperation("d", "fw", "2.0", string.Empty), firmware);
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(7);
        var alphabet = "\",\n\r\\ab5\t1"u8.ToArray();
        for (var n = 0; n < 5000; n++)
        {
            var payload = new byte[random.Next(0, 40)];
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] = random.Next(10) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            ReadOnlySpan<byte> rest = payload;
            var guard = 0;
            while (!rest.IsEmpty && guard++ < 100)
            {
                if (SmartRestReader.TryReadRow(ref rest, n % 2 == 0 ? Both : Doubled, out var row, out _))
                {
                    SmartRestDecoder.TryDecodeOperation(row, out _, out _);
                    SmartRestDecoder.TryDecodeDiagnostic(row, out _, out _);
                    SmartRestDecoder.TryDecodeCredentials(row, out _, out _);
                }
            }

            Assert.True(rest.IsEmpty, Encoding.Latin1.GetString(payload));
        }
    }
}
