using Gateway.Configuration;
using Gateway.Core.Framing;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Telemetry;
using Gateway.Uplink.Cumulocity;

namespace Gateway.Tests.Cumulocity;

public class ThresholdTrackerTests
{
    private static readonly ThresholdRule High = new("temp", null, Above: true, Limit: 40, Hysteresis: 2, AlarmSeverity.Major, "c8y_TempHigh", null);
    private static readonly ThresholdRule Low = new("temp", null, Above: false, Limit: 5, Hysteresis: 1, AlarmSeverity.Warning, "c8y_TempLow", null);

    [Fact]
    public void An_excursion_raises_once_and_clears_once_back_inside_the_hysteresis()
    {
        var tracker = new ThresholdTracker([High]);
        string[] steps = [.. new[] { 20.0, 41, 45, 39, 38.5, 41, 38, 37 }.Select(v => Describe(tracker.Step(High, "b", v)))];

        // 20: unknown → in range clears (makes a state left from before right); 39 is in the band; 38 clears.
        Assert.Equal(["clear", "raise", "-", "-", "-", "-", "clear", "-"], steps);
    }

    [Fact]
    public void A_value_in_the_band_decides_nothing_while_the_state_is_unknown()
    {
        var tracker = new ThresholdTracker([High]);
        Assert.Null(tracker.Step(High, "b", 39));
        Assert.Null(tracker.IsRaised(High, "b"));
        Assert.Equal(AlarmTransition.Raise, tracker.Step(High, "b", 40.5));
    }

    [Fact]
    public void Below_rules_mirror_above_rules()
    {
        var tracker = new ThresholdTracker([Low]);
        Assert.Equal(AlarmTransition.Raise, tracker.Step(Low, "b", 4));
        Assert.Null(tracker.Step(Low, "b", 5.5));
        Assert.Equal(AlarmTransition.Clear, tracker.Step(Low, "b", 6));
    }

    [Fact]
    public void Boards_and_rules_have_their_own_state_and_a_reset_forgets_it()
    {
        var tracker = new ThresholdTracker([High, Low]);
        Assert.Equal(AlarmTransition.Raise, tracker.Step(High, "a", 50));
        Assert.Equal(AlarmTransition.Clear, tracker.Step(High, "b", 20));
        Assert.True(tracker.IsRaised(High, "a"));
        Assert.Null(tracker.IsRaised(Low, "a"));

        tracker.Reset();

        Assert.Null(tracker.IsRaised(High, "a"));
        Assert.Equal(AlarmTransition.Raise, tracker.Step(High, "a", 50)); // raised again after a rewind: Cumulocity counts, no new alarm
    }

    [Fact]
    public void A_reading_is_evaluated_for_its_sensors_with_its_own_time()
    {
        var tracker = new ThresholdTracker([High, Low with { Device = "other" }]);
        var reading = Reading("board", ("temp", 44), ("light", 90));

        var change = Assert.Single(tracker.Evaluate(reading));

        Assert.Equal((High, "board", AlarmTransition.Raise, 44.0), (change.Rule, change.DeviceId, change.Transition, change.Value));
        Assert.Equal(reading.Stamp.Wall, change.Time);
        Assert.Empty(tracker.Evaluate(Reading("board", ("temp", 45))));
    }

    [Fact]
    public void Rules_from_configuration_get_a_type_a_severity_and_a_text()
    {
        var rule = ThresholdRule.From(new ThresholdRuleOptions { Sensor = "temp", Below = 3, Severity = "critical" });

        Assert.Equal(("c8y_TempLow", AlarmSeverity.Critical, false, 3.0), (rule.Type, rule.Severity, rule.Above, rule.Limit));
        Assert.Equal("temp is 1.5, below the limit 3", rule.TextFor(1.5));
        Assert.Equal("c8y_Soil_moistureHigh", ThresholdRule.From(new ThresholdRuleOptions { Sensor = "soil moisture", Above = 1 }).Type);
    }

    private static string Describe(AlarmTransition? transition) =>
        transition switch { AlarmTransition.Raise => "raise", AlarmTransition.Clear => "clear", _ => "-" };

    private static Reading Reading(string device, params (string Name, double Value)[] values) =>
        new(
            device,
            "0000002A",
            7,
            new Stamp(1_700_000_000_000, 1, true),
            [.. values.Select(v => new SensorValue(v.Name, v.Value, v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            [.. values.Select(_ => "C")],
            checksummed: true);
}
