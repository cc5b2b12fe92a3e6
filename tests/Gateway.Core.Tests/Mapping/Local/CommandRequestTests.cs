using System.Globalization;
using System.Text;
using Gateway.Core.Mapping.Local;

namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>Requests on a device's command topic: plain lines such as <c>out 7 1</c>, and empty payloads.</summary>
public partial class CommandRequestTests
{
    private const string Known = "known: interval, out, identify, info, reboot, read";

    private int _generated;

    [Fact]
    public void A_plain_line_is_a_command_with_a_generated_id_and_the_default_timeout()
    {
        var request = Parse("out 7 1");

        Assert.Equal(("gen-1", "out", "out 7 1", 0, string.Empty), (request.Id, request.Name, request.Command?.ToString(), request.TimeoutMs, request.Error));
        Assert.Equal(1, _generated);
    }

    [Theory]
    [InlineData("  out   7  1  ", "out 7 1")]
    [InlineData("out\t7\t1", "out 7 1")]
    [InlineData("\tinterval \t 1000\r\n", "interval 1000")]
    [InlineData("out 13 off", "out 13 0")]
    [InlineData("identify", "identify 5")]
    [InlineData("identify 30", "identify 30")]
    [InlineData("info", "info")]
    [InlineData("reboot\n", "reboot")]
    [InlineData("read", "read")]
    public void Words_are_separated_by_any_run_of_spaces_and_tabs(string payload, string command)
    {
        var request = Parse(payload);

        Assert.Equal((command, string.Empty), (request.Command?.ToString(), request.Error));
        Assert.Equal(command.Split(' ')[0], request.Name);
    }

    [Theory]
    [InlineData("out 7", "out", "usage: out <pin> <0|1>")]
    [InlineData("out 7 1 now", "out", "usage: out <pin> <0|1>")]
    [InlineData("interval 50", "interval", "interval must be 100–3600000 ms, not 50")]
    [InlineData("identify 0", "identify", "identify lasts 1–60 s, not 0")]
    [InlineData("reboot now", "reboot", "usage: reboot (no arguments)")]
    [InlineData("dance", "dance", "unknown command 'dance'; " + Known)]
    [InlineData("resend 1", "resend", "unknown command 'resend'; " + Known)]
    public void An_invalid_line_names_the_command_and_says_why(string payload, string name, string error)
    {
        var request = Parse(payload);

        Assert.Null(request.Command);
        Assert.Equal(("gen-1", name, error, 0), (request.Id, request.Name, request.Error, request.TimeoutMs));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n  \n")]
    public void An_empty_or_blank_payload_is_an_empty_command(string payload)
    {
        var request = Parse(payload);

        Assert.Null(request.Command);
        Assert.Equal(("gen-1", string.Empty, "empty command"), (request.Id, request.Name, request.Error));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'o', (byte)'u', (byte)'t', (byte)' ', 0xFF, (byte)' ', (byte)'1' })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { (byte)'r', 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { (byte)'i', (byte)'n', (byte)'f', (byte)'o', 0xE2, 0x82 })]
    public void A_line_that_is_not_utf8_is_refused(byte[] payload)
    {
        var request = Parse(payload);

        Assert.Null(request.Command);
        Assert.Equal(("gen-1", string.Empty, "the command is not UTF-8 text"), (request.Id, request.Name, request.Error));
    }

    [Fact]
    public void A_line_in_another_script_is_an_unknown_command() =>
        Assert.Equal("unknown command 'ouт'; " + Known, Parse("ouт 7 1").Error);

    [Fact]
    public void A_null_id_source_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => CommandRequest.Parse("info"u8, null!));

    private CommandRequest Parse(string payload) => Parse(Encoding.UTF8.GetBytes(payload));

    private CommandRequest Parse(byte[] payload) => CommandRequest.Parse(payload, NewId);

    private string NewId() => "gen-" + (++_generated).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Verbs_are_not_case_sensitive() =>
        Assert.Equal("out 7 1", Parse("OUT 7 1").Command?.ToString());
}
