using System.Collections.Immutable;
using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

/// <summary>Property: any fields the gateway encodes read back as the same fields.</summary>
public class RoundTripTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "-", " ", "  ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "\\", "\\\"", "\\n", "é", "°C", "✓", "🌡", "\u00A0", "=", ";", "$", "'",
    ];

    [Fact]
    public void Random_fields_survive_encoding_and_decoding()
    {
        var random = new Random(20240506);
        for (var n = 0; n < 20_000; n++)
        {
            var fields = ImmutableArray.CreateBuilder<string>();
            fields.Add(random.Next(3) == 0 ? "503" : "400");
            var count = random.Next(0, 6);
            for (var i = 0; i < count; i++)
            {
                fields.Add(RandomText(random));
            }

            var row = new SmartRestRow(fields.ToImmutable());
            var expected = TrimTrailingEmpty(row.Fields);

            var read = SmartRestText.ReadOne(row.Text, SmartRestQuoteEscape.Doubled);

            Assert.Equal(expected, read.Fields);
            Assert.Equal(row.Text, read.Text);
        }
    }

    [Fact]
    public void Several_random_rows_in_one_publish_read_back_in_order()
    {
        var random = new Random(99);
        for (var n = 0; n < 2_000; n++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => UpstreamRows.Event(RandomText(random) + "x", RandomText(random) + "y"))
                .ToList();

            var publish = Assert.Single(SmartRestBatcher.Pack(rows).Publishes);
            var read = SmartRestText.ReadAll(Encoding.UTF8.GetString(publish.Payload.Span), SmartRestQuoteEscape.Doubled);

            Assert.Equal(rows.Select(r => TrimTrailingEmpty(r.Fields)), read.Select(r => r.Fields));
        }
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(0, 8);
        for (var i = 0; i < length; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    private static ImmutableArray<string> TrimTrailingEmpty(ImmutableArray<string> fields)
    {
        var count = fields.Length;
        while (count > 1 && fields[count - 1].Length == 0)
        {
            count--;
        }

        return fields[..count];
    }
}
