using System.Text;

namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>Whatever arrives on a command topic, parsing answers with a request and never throws.</summary>
public partial class CommandRequestTests
{
    private static readonly string[] FuzzSeeds =
    [
        """{"id":"r1","command":"out","pin":7,"state":1,"timeoutMs":500}""",
        """{"command":"interval","ms":"1000"}""",
        """{"id":42,"command":"identify","seconds":true,"x":[{"y":null}]}""",
        "out 7 1",
        "\tinterval  1000\r\n",
    ];

    [Theory]
    [InlineData("{")]
    [InlineData("""{"command":""")]
    [InlineData("""{"command":"info""")]
    [InlineData("""{"command":"info",}""")]
    [InlineData("""{'command':'info'}""")]
    [InlineData("""{command:"info"}""")]
    [InlineData("""{"command":info}""")]
    [InlineData("""{"command" "info"}""")]
    [InlineData("""{"command":"info" /* now */}""")]
    [InlineData("""{"command":"in\qfo"}""")]
    [InlineData("""{"command":"out","pin":07,"state":1}""")]
    [InlineData("{\"command\":\"in\u0001fo\"}")]
    public void Invalid_json_makes_an_invalid_request(string json)
    {
        var request = Parse(json);

        Assert.Null(request.Command);
        Assert.StartsWith("not valid JSON: ", request.Error, StringComparison.Ordinal);
        Assert.Equal("gen-1", request.Id);
    }

    [Theory]
    [InlineData("""{"command":"reboot"} now""")]
    [InlineData("""{"command":"reboot"}}""")]
    [InlineData("""{"command":"reboot"},""")]
    [InlineData("""{"command":"reboot"}{"command":"info"}""")]
    public void Content_after_the_json_object_makes_the_request_invalid(string json)
    {
        var request = Parse(json);

        Assert.True(request.Command is null, $"{json} was taken as '{request.Command}'");
        Assert.NotEqual(string.Empty, request.Error);
    }

    [Theory]
    [InlineData("""["out",7,1]""")]
    [InlineData("\"reboot\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void Json_that_is_not_an_object_is_no_command(string json)
    {
        var request = Parse(json);

        Assert.Null(request.Command);
        Assert.NotEqual(string.Empty, request.Error);
    }

    [Theory]
    [InlineData("{\"command\":\"", new byte[] { 0xFF }, "\"}")]
    [InlineData("{\"command\":\"info\",\"id\":\"", new byte[] { 0xC0, 0xAF }, "\"}")]
    [InlineData("{\"", new byte[] { 0xFE }, "\":1,\"command\":\"info\"}")]
    [InlineData("{\"command\":\"out\",\"pin\":7,\"state\":\"o", new byte[] { 0xED, 0xA0, 0x80 }, "n\"}")]
    public void Json_with_a_string_that_is_not_utf8_makes_an_invalid_request(string before, byte[] bad, string after)
    {
        byte[] payload = [.. Encoding.ASCII.GetBytes(before), .. bad, .. Encoding.ASCII.GetBytes(after)];

        var request = Parse(payload);

        Assert.Null(request.Command);
        Assert.NotEqual(string.Empty, request.Error);
    }

    [Fact]
    public void Random_payloads_never_make_parsing_throw()
    {
        var random = new Random(20_251_123);
        byte[] interesting = [.. "{}[]\":,0123456789-.eE tfnulrs\\\t\r\n"u8, 0x00, 0x7F, 0x80, 0xC0, 0xE2, 0xED, 0xF0, 0xFF];
        for (var round = 0; round < 50_000; round++)
        {
            var payload = new List<byte>(Encoding.UTF8.GetBytes(FuzzSeeds[random.Next(FuzzSeeds.Length)]));
            for (var edits = random.Next(1, 5); edits > 0; edits--)
            {
                var position = random.Next(payload.Count + 1);
                var value = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
                if (position < payload.Count && random.Next(3) > 0)
                {
                    payload[position] = value;
                }
                else
                {
                    payload.Insert(position, value);
                }
            }

            var bytes = payload.ToArray();
            var thrown = Record.Exception(() => Parse(bytes));
            Assert.True(thrown is null, $"{Convert.ToHexString(bytes)}: {thrown}");
        }
    }
}
