using System.Collections.Immutable;
using Gateway.Core.Operations;

namespace Gateway.Core.Tests.Operations;

/// <summary>How a board command ended: an ack's fields, or why it failed.</summary>
public class CommandOutcomeTests
{
    private static readonly ImmutableArray<KeyValuePair<string, string>> PinFields =
        [new("pin", "7"), new("state", "1")];

    [Fact]
    public void An_acknowledgement_carries_its_fields_and_no_reason()
    {
        var outcome = CommandOutcome.Acknowledged(PinFields);

        Assert.Equal((CommandStatus.Ok, string.Empty, string.Empty), (outcome.Status, outcome.Reason, outcome.Text));
        Assert.Equal(PinFields, outcome.Fields);
        Assert.Equal("ok", outcome.Describe());
    }

    [Fact]
    public void A_field_is_found_by_its_exact_key()
    {
        var outcome = CommandOutcome.Acknowledged(PinFields);

        Assert.Equal(("7", "1"), (outcome.Field("pin"), outcome.Field("state")));
        Assert.Null(outcome.Field("PIN"));
        Assert.Null(outcome.Field("iv"));
        Assert.Null(CommandOutcome.Acknowledged([]).Field("pin"));
    }

    [Theory]
    [InlineData(CommandStatus.Rejected, "badarg", "pin 9 is not an output", "badarg: pin 9 is not an output")]
    [InlineData(CommandStatus.Rejected, "busy", "", "busy")]
    [InlineData(CommandStatus.Timeout, "timeout", "no answer in 5000 ms", "timeout: no answer in 5000 ms")]
    [InlineData(CommandStatus.Timeout, "timeout", "", "timeout")]
    [InlineData(CommandStatus.Offline, "offline", "", "offline")]
    [InlineData(CommandStatus.Invalid, "invalid", "usage: out <pin> <0|1>", "invalid: usage: out <pin> <0|1>")]
    public void A_failure_is_described_by_its_reason_and_text(CommandStatus status, string reason, string text, string description)
    {
        var outcome = CommandOutcome.Failed(status, reason, text);

        Assert.Equal((status, reason, text), (outcome.Status, outcome.Reason, outcome.Text));
        Assert.Empty(outcome.Fields);
        Assert.Null(outcome.Field("pin"));
        Assert.Equal(description, outcome.Describe());
    }

    [Fact]
    public void An_ok_outcome_is_described_as_ok_whatever_else_it_carries() =>
        Assert.Equal("ok", new CommandOutcome(CommandStatus.Ok, PinFields, "odd", "text").Describe());
}
