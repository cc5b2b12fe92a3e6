using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

public class SmartRestEncodingTests
{
    [Theory]
    [InlineData("plain", false)]
    [InlineData("", false)]
    [InlineData("inner space", false)]
    [InlineData("a\\b", false)]
    [InlineData("a,b", true)]
    [InlineData("a\"b", true)]
    [InlineData("a\nb", true)]
    [InlineData("a\rb", true)]
    [InlineData("a\tb", true)]
    [InlineData(" lead", true)]
    [InlineData("trail ", true)]
    [InlineData("\u00A0nbsp", true)]
    public void Fields_are_quoted_exactly_when_the_rules_say(string field, bool quoted) =>
        Assert.Equal(quoted, SmartRestEncoding.NeedsQuoting(field));

    [Fact]
    public void Embedded_quotes_are_doubled()
    {
        var text = new StringBuilder();
        SmartRestEncoding.AppendField(text, "say \"hi\"");

        Assert.Equal("\"say \"\"hi\"\"\"", text.ToString());
    }

    [Fact]
    public void Trailing_empty_fields_are_left_out_but_inner_ones_stay()
    {
        Assert.Equal("100", SmartRestEncoding.EncodeRow(["100", "", ""]));
        Assert.Equal("100,,myType", SmartRestEncoding.EncodeRow(["100", "", "myType"]));
        Assert.Equal("201,t,,f,s,1,,f,s,2", UpstreamRows.Measurements("t", null, [new("f", "s", "1", ""), new("f", "s", "2", "")]).Text);
    }

    [Fact]
    public void Times_carry_milliseconds_and_their_offset()
    {
        Assert.Equal("2016-06-22T17:03:14.000+02:00", SmartRestTime.ToText(new DateTimeOffset(2016, 6, 22, 17, 3, 14, TimeSpan.FromHours(2))));
        Assert.Equal("2024-01-02T03:04:05.678Z", SmartRestTime.ToText(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)));
        Assert.Equal("2024-01-02T03:04:05.678-05:30", SmartRestTime.ToText(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, new TimeSpan(-5, -30, 0))));
        Assert.Equal(string.Empty, SmartRestTime.ToText((DateTimeOffset?)null));
        Assert.Equal("200,c8y_Temperature,T,21.5,C,2016-06-22T17:03:14.000+02:00", UpstreamRows.Measurement("c8y_Temperature", "T", "21.5", "C", new DateTimeOffset(2016, 6, 22, 17, 3, 14, TimeSpan.FromHours(2))).Text);
    }

    [Fact]
    public void Failure_reasons_are_cut_to_500_bytes_on_a_character_boundary()
    {
        var ascii = new string('x', 600);
        Assert.Equal("502,c8y_Restart," + new string('x', 500), UpstreamRows.Failed("c8y_Restart", ascii).Text);

        // 'é' is 2 bytes: 250 of them fill 500 bytes exactly; with a 1-byte prefix the 250th no longer fits.
        var accents = "a" + new string('é', 300);
        var cut = SmartRestEncoding.TruncateUtf8(accents, 500);
        Assert.Equal(499, Encoding.UTF8.GetByteCount(cut));
        Assert.Equal("a" + new string('é', 249), cut);

        // A 4-byte character is never split: it goes whole.
        var emoji = new string('x', 498) + "🌡🌡";
        Assert.Equal(new string('x', 498), SmartRestEncoding.TruncateUtf8(emoji, 500));
        Assert.Equal(new string('x', 498) + "🌡", SmartRestEncoding.TruncateUtf8(emoji, 502));

        var failed = SmartRestText.ReadOne(UpstreamRows.FailAllExecuting(null, accents).Text, SmartRestQuoteEscape.Doubled);
        Assert.Equal(["507", "", cut], failed.Fields);
    }

    [Fact]
    public void Short_reasons_are_kept_whole() =>
        Assert.Equal("Could not restart", SmartRestEncoding.TruncateUtf8("Could not restart", 500));

    [Fact]
    public void Mandatory_fields_must_be_present()
    {
        Assert.Throws<ArgumentException>(() => UpstreamRows.ChildDevice(""));
        Assert.Throws<ArgumentException>(() => UpstreamRows.ChildDevice("a/b"));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Agent("gw", "", null, "team"));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Agent("gw", "1.0", null, " "));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Measurement("", "T", "1"));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Measurement("f", "", "1"));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Measurements("", null, [new("f", "s", "1", "")]));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Measurements("t", null, []));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Alarm(AlarmSeverity.Major, ""));
        Assert.Throws<ArgumentException>(() => UpstreamRows.ClearAlarm(""));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Event("c8y_Event", ""));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Executing(""));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Failed("", "why"));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Successful(""));
        Assert.Throws<ArgumentException>(() => UpstreamRows.SupportedOperations(["c8y_Restart", ""]));
        Assert.Throws<ArgumentException>(() => UpstreamRows.RelayArraySuccessful([]));
    }

    [Theory]
    [InlineData("21,5")]
    [InlineData("abc")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData(" 1")]
    public void Values_must_be_numbers(string value)
    {
        Assert.Throws<ArgumentException>(() => UpstreamRows.Measurement("f", "s", value));
        Assert.Throws<ArgumentException>(() => UpstreamRows.Measurements("t", null, [new("f", "s", value, "")]));
    }

    [Fact]
    public void Doubles_must_be_finite_and_are_written_in_their_shortest_form()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UpstreamRows.Measurement("f", "s", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpstreamRows.Measurement("f", "s", double.PositiveInfinity));
        Assert.Equal("200,f,s,0.1", UpstreamRows.Measurement("f", "s", 0.1).Text);
        Assert.Equal("200,f,s,-1.5E-07", UpstreamRows.Measurement("f", "s", -1.5e-7).Text);
        Assert.Equal("200,f,s,-1e-3,mV", UpstreamRows.Measurement("f", "s", "-1e-3", "mV").Text);
    }

    [Fact]
    public void Alarm_severities_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UpstreamRows.Alarm((AlarmSeverity)300, "t"));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpstreamRows.AlarmSeverityChange("t", (AlarmSeverity)305));
        Assert.Equal("305,t,WARNING", UpstreamRows.AlarmSeverityChange("t", AlarmSeverity.Warning).Text);
    }

    [Fact]
    public void A_command_result_is_one_field_whatever_it_holds()
    {
        var row = UpstreamRows.CommandSuccessful("line 1, ok\nline \"2\"");

        Assert.Equal("503,c8y_Command,\"line 1, ok\nline \"\"2\"\"\"", row.Text);
        Assert.Equal(["503", "c8y_Command", "line 1, ok\nline \"2\""], SmartRestText.ReadOne(row.Text, SmartRestQuoteEscape.Doubled).Fields);
    }

    [Fact]
    public void Device_identifiers_have_no_colon()
    {
        Assert.True(SmartRestTopics.IsValidDeviceIdentifier("gateway-01"));
        Assert.False(SmartRestTopics.IsValidDeviceIdentifier("d:gateway-01"));
        Assert.False(SmartRestTopics.IsValidDeviceIdentifier(""));
        Assert.False(SmartRestTopics.IsValidDeviceIdentifier("a/b"));
        Assert.True(SmartRestTopics.IsValidChildId("gateway-01:device:0011"));
    }
}
