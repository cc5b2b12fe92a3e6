using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

public class PercentTextTests
{
    [Theory]
    [InlineData("%")]
    [InlineData("%4")]
    [InlineData("%G1")]
    [InlineData("%1G")]
    [InlineData("a,b")]
    [InlineData("a$b")]
    [InlineData("a*b")]
    [InlineData("tab\there")]
    public void Text_with_a_bad_escape_or_an_unescaped_reserved_byte_does_not_decode(string encoded)
    {
        Assert.False(PercentText.TryDecode(Encoding.ASCII.GetBytes(encoded), out string? text));
        Assert.Null(text);
    }

    [Fact]
    public void Non_ascii_bytes_must_be_escaped()
    {
        Assert.False(PercentText.TryDecode([(byte)'c', 0xC3, 0xA9], out _));
    }

    [Fact]
    public void Escapes_decode_in_either_case_and_invalid_utf8_becomes_a_replacement_character()
    {
        Assert.True(PercentText.TryDecode("%2c%2C%e2%82%ac"u8, out string? text));
        Assert.Equal(",,€", text);
        Assert.True(PercentText.TryDecode("caf%E9"u8, out text));
        Assert.Equal("caf\uFFFD", text);
        Assert.True(PercentText.TryDecode(""u8, out text));
        Assert.Equal(string.Empty, text);
    }

    [Fact]
    public void Every_byte_outside_the_plain_alphabet_is_escaped_and_comes_back()
    {
        string all = new string([.. Enumerable.Range(0, 0x80).Select(code => (char)code)]) + "é€😀";
        string encoded = PercentText.Encode(all);

        Assert.DoesNotContain(encoded, c => c is < ' ' or > '~' or '$' or '*' or ',');
        Assert.Equal(all.Count(c => c is >= ' ' and <= '~' and not ('%' or '$' or '*' or ',')) + ((0x80 - 95 + 4) * 3) + ((2 + 3 + 4) * 3), encoded.Length);
        Assert.True(PercentText.TryDecode(Encoding.ASCII.GetBytes(encoded), out string? decoded));
        Assert.Equal(all, decoded);
    }

    [Fact]
    public void An_unpaired_surrogate_is_encoded_as_a_replacement_character()
    {
        Assert.Equal("a%EF%BF%BDb", PercentText.Encode("a\uD800b"));
    }

    [Fact]
    public void Encoding_into_a_span_reports_when_it_does_not_fit()
    {
        byte[] destination = new byte[5];

        Assert.False(PercentText.TryEncode("a,b", destination.AsSpan(0, 4), out _));
        Assert.True(PercentText.TryEncode("a,b", destination, out int written));
        Assert.Equal("a%2Cb", Encoding.ASCII.GetString(destination, 0, written));
    }
}
