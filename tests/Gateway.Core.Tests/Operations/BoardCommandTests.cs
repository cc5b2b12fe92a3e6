using Gateway.Core.Operations;

namespace Gateway.Core.Tests.Operations;

/// <summary>Board commands as ADR 0001 defines them, built in code or from what a user typed.</summary>
public class BoardCommandTests
{
    private const string Known = "known: interval, out, identify, info, reboot, read";

    public static TheoryData<string, string[], string> Valid => new()
    {
        { "interval", ["100"], "interval 100" },
        { "interval", ["3600000"], "interval 3600000" },
        { "interval", ["0100"], "interval 100" },
        { "out", ["7", "1"], "out 7 1" },
        { "out", ["13", "0"], "out 13 0" },
        { "out", ["0", "1"], "out 0 1" },
        { "out", ["7", "on"], "out 7 1" },
        { "out", ["7", "ON"], "out 7 1" },
        { "out", ["7", "True"], "out 7 1" },
        { "out", ["7", "closed"], "out 7 1" },
        { "out", ["7", "high"], "out 7 1" },
        { "out", ["7", "off"], "out 7 0" },
        { "out", ["7", "FALSE"], "out 7 0" },
        { "out", ["7", "Open"], "out 7 0" },
        { "out", ["7", "low"], "out 7 0" },
        { "identify", [], "identify 5" },
        { "identify", ["1"], "identify 1" },
        { "identify", ["60"], "identify 60" },
        { "info", [], "info" },
        { "reboot", [], "reboot" },
        { "read", [], "read" },
    };

    public static TheoryData<string, string[], string> Invalid => new()
    {
        { "interval", [], "usage: interval <ms>" },
        { "interval", ["99"], "interval must be 100–3600000 ms, not 99" },
        { "interval", ["0"], "interval must be 100–3600000 ms, not 0" },
        { "interval", ["3600001"], "interval must be 100–3600000 ms, not 3600001" },
        { "interval", ["1000", "2000"], "usage: interval <ms>" },
        { "interval", ["fast"], "usage: interval <ms>" },
        { "interval", ["-100"], "usage: interval <ms>" },
        { "interval", ["+100"], "usage: interval <ms>" },
        { "interval", [" 100"], "usage: interval <ms>" },
        { "interval", ["100.0"], "usage: interval <ms>" },
        { "interval", ["1e3"], "usage: interval <ms>" },
        { "interval", [""], "usage: interval <ms>" },
        { "out", [], "usage: out <pin> <0|1>" },
        { "out", ["7"], "usage: out <pin> <0|1>" },
        { "out", ["7", "1", "1"], "usage: out <pin> <0|1>" },
        { "out", ["7", "2"], "usage: out <pin> <0|1>" },
        { "out", ["7", "yes"], "usage: out <pin> <0|1>" },
        { "out", ["7", ""], "usage: out <pin> <0|1>" },
        { "out", ["led", "1"], "usage: out <pin> <0|1>" },
        { "out", ["-1", "1"], "usage: out <pin> <0|1>" },
        { "out", ["4294967296", "1"], "usage: out <pin> <0|1>" },
        { "identify", ["0"], "identify lasts 1–60 s, not 0" },
        { "identify", ["61"], "identify lasts 1–60 s, not 61" },
        { "identify", ["long"], "usage: identify [seconds]" },
        { "identify", ["5", "5"], "usage: identify [seconds]" },
        { "info", ["now"], "usage: info (no arguments)" },
        { "reboot", ["1"], "usage: reboot (no arguments)" },
        { "read", ["temp"], "usage: read (no arguments)" },
        { "resend", ["1"], "unknown command 'resend'; " + Known },
        { "", [], "unknown command ''; " + Known },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_command_is_built_as_the_board_expects_it(string verb, string[] args, string expected)
    {
        Assert.True(BoardCommand.TryParse(verb, args, out var command, out var error), error);

        Assert.Equal(string.Empty, error);
        Assert.Equal(expected, command!.ToString());
        Assert.Equal(expected.Split(' ')[0], command.Verb);
        Assert.Equal(expected.Split(' ')[1..], command.Args);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_command_gives_a_reason_a_person_can_act_on(string verb, string[] args, string expected)
    {
        Assert.False(BoardCommand.TryParse(verb, args, out var command, out var error));

        Assert.Null(command);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => BoardCommand.TryParse(null!, [], out _, out _));
        Assert.Throws<ArgumentNullException>(() => BoardCommand.TryParse("info", null!, out _, out _));
    }

    [Fact]
    public void The_factories_build_each_verb()
    {
        Assert.Equal(
            ["interval 100", "interval 3600000", "out 7 1", "out 13 0", "identify 5", "identify 1", "identify 60", "info", "reboot", "read", "resend 42", "resend 0"],
            [
                BoardCommand.Interval(100).ToString(), BoardCommand.Interval(3_600_000).ToString(),
                BoardCommand.Output(7, true).ToString(), BoardCommand.Output(13, false).ToString(),
                BoardCommand.Identify().ToString(), BoardCommand.Identify(1).ToString(), BoardCommand.Identify(60).ToString(),
                BoardCommand.Info().ToString(), BoardCommand.Reboot().ToString(), BoardCommand.ReadNow().ToString(),
                BoardCommand.Resend(42).ToString(), BoardCommand.Resend(0).ToString(),
            ]);
        Assert.Empty(BoardCommand.Info().Args);
        Assert.Equal(["4294967295"], BoardCommand.Resend(uint.MaxValue).Args);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(99u)]
    [InlineData(3_600_001u)]
    [InlineData(uint.MaxValue)]
    public void An_interval_out_of_bounds_is_refused(uint ms) =>
        Assert.Equal("ms", Assert.Throws<ArgumentOutOfRangeException>(() => BoardCommand.Interval(ms)).ParamName);

    [Theory]
    [InlineData(0u)]
    [InlineData(61u)]
    [InlineData(uint.MaxValue)]
    public void An_identify_out_of_bounds_is_refused(uint seconds) =>
        Assert.Equal("seconds", Assert.Throws<ArgumentOutOfRangeException>(() => BoardCommand.Identify(seconds)).ParamName);

    [Fact]
    public void The_bounds_are_those_of_the_protocol() =>
        Assert.Equal((100u, 3_600_000u), (BoardCommand.MinIntervalMs, BoardCommand.MaxIntervalMs));
}
