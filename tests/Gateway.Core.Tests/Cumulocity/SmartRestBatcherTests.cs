using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

public class SmartRestBatcherTests
{
    [Fact]
    public void Rows_are_joined_by_line_feeds_in_order()
    {
        var batch = SmartRestBatcher.Pack([UpstreamRows.Executing("c8y_Restart"), UpstreamRows.Configuration("a=1\nb=2"), UpstreamRows.Successful("c8y_Restart")]);

        var publish = Assert.Single(batch.Publishes);
        Assert.Equal("501,c8y_Restart\n113,\"a=1\nb=2\"\n503,c8y_Restart", Encoding.UTF8.GetString(publish.Payload.Span));
        Assert.Equal(3, publish.Rows.Length);
        Assert.Empty(batch.Oversized);
        Assert.Equal(["501", "113", "503"], SmartRestText.ReadAll(Encoding.UTF8.GetString(publish.Payload.Span), SmartRestQuoteEscape.Doubled).Select(r => r.TemplateId));
    }

    [Fact]
    public void No_publish_exceeds_16000_bytes_and_rows_are_never_split()
    {
        // Each row is 1,000 bytes; 15 rows and 14 line feeds make 15,014 bytes, a 16th would make 16,015.
        var rows = Enumerable.Range(0, 40).Select(i => UpstreamRows.Event("e", new string((char)('a' + (i % 26)), 1000 - 6))).ToList();
        Assert.All(rows, r => Assert.Equal(1000, r.ByteCount));

        var batch = SmartRestBatcher.Pack(rows);

        Assert.Equal([15, 15, 10], batch.Publishes.Select(p => p.Rows.Length));
        Assert.All(batch.Publishes, p => Assert.True(p.Payload.Length <= SmartRestLimits.MaxPublishBytes));
        Assert.Equal(15_014, batch.Publishes[0].Payload.Length);
        Assert.Equal(rows, batch.Publishes.SelectMany(p => p.Rows));
        var reread = batch.Publishes.SelectMany(p => SmartRestText.ReadAll(Encoding.UTF8.GetString(p.Payload.Span), SmartRestQuoteEscape.Doubled));
        Assert.Equal(rows.Select(r => r.Text), reread.Select(r => r.Text));
    }

    [Fact]
    public void A_row_of_exactly_the_limit_fits_and_one_byte_more_does_not()
    {
        var exact = UpstreamRows.Configuration(new string('x', SmartRestLimits.MaxPublishBytes - 4));
        var over = UpstreamRows.Configuration(new string('x', SmartRestLimits.MaxPublishBytes - 3));
        Assert.Equal(SmartRestLimits.MaxPublishBytes, exact.ByteCount);

        var batch = SmartRestBatcher.Pack([UpstreamRows.PendingOperations(), exact, over, UpstreamRows.PendingOperations()]);

        Assert.Equal([1, 1, 1], batch.Publishes.Select(p => p.Rows.Length));
        Assert.Equal(SmartRestLimits.MaxPublishBytes, batch.Publishes[1].Payload.Length);
        Assert.Same(over, Assert.Single(batch.Oversized));
    }

    [Fact]
    public void An_oversized_row_is_counted_not_thrown_and_its_neighbours_still_share_a_publish()
    {
        var huge = UpstreamRows.CommandSuccessful(new string('y', 20_000));

        var batch = SmartRestBatcher.Pack([UpstreamRows.Executing("c8y_Command"), huge, UpstreamRows.Failed("c8y_Command", "output too large")]);

        Assert.Same(huge, Assert.Single(batch.Oversized));
        Assert.Equal("501,c8y_Command\n502,c8y_Command,output too large", Encoding.UTF8.GetString(Assert.Single(batch.Publishes).Payload.Span));
    }

    [Fact]
    public void Multibyte_text_is_measured_in_bytes()
    {
        var row = UpstreamRows.Event("e", new string('é', 10));
        Assert.Equal("400,e,".Length + 20, row.ByteCount);

        var batch = SmartRestBatcher.Pack([row, row], maxPublishBytes: (2 * row.ByteCount) + 1);
        Assert.Single(batch.Publishes);
        batch = SmartRestBatcher.Pack([row, row], maxPublishBytes: 2 * row.ByteCount);
        Assert.Equal(2, batch.Publishes.Length);
    }

    [Fact]
    public void Greedy_packing_uses_the_fewest_publishes_for_random_row_sizes()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 30)).Select(_ => UpstreamRows.Event("e", new string('z', random.Next(1, 90)))).ToList();
            const int Limit = 200;

            var batch = SmartRestBatcher.Pack(rows, Limit);

            Assert.Equal(FewestInOrder(rows.Select(r => r.ByteCount).ToList(), Limit), batch.Publishes.Length);
            Assert.All(batch.Publishes, p => Assert.True(p.Payload.Length <= Limit));
        }
    }

    [Fact]
    public void Nothing_in_gives_nothing_out()
    {
        var batch = SmartRestBatcher.Pack([]);

        Assert.Empty(batch.Publishes);
        Assert.Empty(batch.Oversized);
        Assert.Throws<ArgumentOutOfRangeException>(() => SmartRestBatcher.Pack([], 0));
    }

    /// <summary>The fewest publishes for rows kept in order, by dynamic programming over every split.</summary>
    private static int FewestInOrder(List<int> sizes, int limit)
    {
        var best = new int[sizes.Count + 1];
        for (var end = 1; end <= sizes.Count; end++)
        {
            best[end] = int.MaxValue;
            var bytes = -1;
            for (var start = end - 1; start >= 0; start--)
            {
                bytes += sizes[start] + 1;
                if (bytes > limit)
                {
                    break;
                }

                best[end] = Math.Min(best[end], best[start] + 1);
            }
        }

        return best[sizes.Count];
    }
}
