using System.Text;
using Gateway.Store;

namespace Gateway.Tests.Store;

public class Crc32CTests
{
    [Fact]
    public void The_check_value_matches_the_standard() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void Known_vectors_from_RFC_3720_match()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void The_table_and_the_cpu_instruction_agree_and_appending_equals_computing_at_once()
    {
        var random = new Random(32);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var whole = Crc32C.Compute(data);
            Assert.Equal(whole, Crc32C.ComputeWithTable(data));
            var split = random.Next(length + 1);
            Assert.Equal(whole, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }

        Assert.NotEqual(Crc32C.Compute(Encoding.ASCII.GetBytes("a")), Crc32C.Compute(Encoding.ASCII.GetBytes("b")));
    }
}
