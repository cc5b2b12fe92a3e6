using System.Collections.Immutable;
using Gateway.Core.Framing;
using Gateway.Core.Telemetry;

namespace Gateway.Core.Tests.Telemetry;

/// <summary>A reading of one or more sensors, with one unit per value.</summary>
public class ReadingTests
{
    private static readonly Stamp Now = new(1_700_000_000_000, 1_000, Trusted: true);
    private static readonly ImmutableArray<SensorValue> TwoValues = [new("temp", 21.5, "21.50"), new("light", 40.1, "40.1")];
    private static readonly ImmutableArray<string> TwoUnits = ["C", "%"];

    [Fact]
    public void A_reading_keeps_what_it_was_given()
    {
        var reading = new Reading("3F9A2C71D04B8E15", "0000002A", 42, Now, TwoValues, TwoUnits, checksummed: true);

        Assert.Equal(("3F9A2C71D04B8E15", "0000002A", 42u, Now, true), (reading.DeviceId, reading.BootId, reading.Seq, reading.Stamp, reading.Checksummed));
        Assert.Equal(TwoValues, reading.Values);
        Assert.Equal(TwoUnits, reading.Units);
    }

    [Fact]
    public void A_lenient_reading_has_no_boot_and_no_checksum()
    {
        var reading = new Reading("port-ttyUSB0", string.Empty, 0, Now, TwoValues, ["", ""], checksummed: false);

        Assert.Equal((string.Empty, false), (reading.BootId, reading.Checksummed));
    }

    [Fact]
    public void A_device_id_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => new Reading(null!, "0000002A", 1, Now, TwoValues, TwoUnits, true));
        Assert.Throws<ArgumentException>(() => new Reading(string.Empty, "0000002A", 1, Now, TwoValues, TwoUnits, true));
    }

    [Fact]
    public void A_boot_id_may_be_empty_but_not_null() =>
        Assert.Throws<ArgumentNullException>(() => new Reading("d", null!, 1, Now, TwoValues, TwoUnits, true));

    [Fact]
    public void A_reading_needs_at_least_one_value()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new Reading("d", "b", 1, Now, [], [], true)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new Reading("d", "b", 1, Now, default, [], true)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_reading_needs_exactly_one_unit_per_value(int units) =>
        Assert.Equal(
            "units",
            Assert.Throws<ArgumentException>(() => new Reading("d", "b", 1, Now, TwoValues, [.. Enumerable.Repeat("C", units)], true)).ParamName);

    [Fact]
    public void Default_units_are_refused() =>
        Assert.Equal("units", Assert.Throws<ArgumentException>(() => new Reading("d", "b", 1, Now, TwoValues, default, true)).ParamName);
}
