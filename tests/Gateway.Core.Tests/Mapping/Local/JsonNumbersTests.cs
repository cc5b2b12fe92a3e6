using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Core.Framing;
using Gateway.Core.Mapping.Local;

namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>Sensor values written as JSON numbers, from the board's own text when JSON allows it.</summary>
public class JsonNumbersTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("-7")]
    [InlineData("10")]
    [InlineData("21.50")]
    [InlineData("0.5")]
    [InlineData("-0.0")]
    [InlineData("1795381961438517565")]
    [InlineData("1e5")]
    [InlineData("1E5")]
    [InlineData("1e+5")]
    [InlineData("1E-05")]
    [InlineData("0e0")]
    [InlineData("-2.5E-2")]
    [InlineData("123.456e789")]
    public void Numbers_of_the_json_grammar_are_recognised(string text) => Assert.True(JsonNumbers.IsJsonNumber(text), text);

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData("007")]
    [InlineData("00")]
    [InlineData("-01")]
    [InlineData("01.5")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("1.")]
    [InlineData("1.e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e-")]
    [InlineData("e5")]
    [InlineData("1e5.5")]
    [InlineData("1.5.5")]
    [InlineData("--1")]
    [InlineData("1-")]
    [InlineData("0x10")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("\u0661")]
    [InlineData("1\u0661")]
    [InlineData("\uFF11")]
    public void Anything_else_is_not_a_json_number(string text) => Assert.False(JsonNumbers.IsJsonNumber(text), text);

    [Fact]
    public void The_grammar_agrees_with_the_json_reader_on_random_texts()
    {
        var random = new Random(8259);
        const string Alphabet = "00112233445566778899--++..eEx";
        for (var round = 0; round < 100_000; round++)
        {
            var text = new StringBuilder();
            for (var length = random.Next(1, 9); length > 0; length--)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var candidate = text.ToString();
            Assert.True(ReaderTakesAsNumber(candidate) == JsonNumbers.IsJsonNumber(candidate), candidate);
        }
    }

    [Fact]
    public void A_value_is_written_as_its_text_when_that_is_json_and_from_the_double_otherwise()
    {
        SensorValue[] values =
        [
            new("temp", 21.5, "21.50"),
            new("big", 1795381961438517565d, "1795381961438517565"),
            new("odd", 7, "007"),
            new("neg", -0.5, "-00.50"),
            new("exp", 1e-7, "1E-7"),
            new("zero", 0, "-0"),
            SensorValue.Create("made", 0.1),
        ];

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                JsonNumbers.Write(json, value);
            }

            json.WriteEndArray();
        }

        Assert.Equal("[21.50,1795381961438517565,7,-0.5,1E-7,-0,0.1]", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static bool ReaderTakesAsNumber(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == bytes.Length && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
