using System.Collections.Immutable;
using Gateway.Core.Framing;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Telemetry;

namespace Gateway.Core.Tests.Cumulocity;

public class MeasurementMapperTests
{
    private static readonly Stamp Noon = new(new DateTimeOffset(2024, 5, 6, 12, 0, 0, 250, TimeSpan.Zero).ToUnixTimeMilliseconds(), 1000, Trusted: true);

    [Theory]
    [InlineData("temperature", "", "c8y_Temperature", "T")]
    [InlineData("Temp", "C", "c8y_Temperature", "T")]
    [InlineData("humidity", "%", "c8y_Humidity", "h")]
    [InlineData("HUM", "%", "c8y_Humidity", "h")]
    [InlineData("light", "lx", "c8y_Light", "e")]
    [InlineData("pressure", "hPa", "c8y_Pressure", "P")]
    [InlineData("voltage", "V", "c8y_Voltage", "voltage")]
    [InlineData("mv", "mV", "c8y_Voltage", "voltage")]
    [InlineData("t1", "°C", "c8y_Temperature", "T")]
    [InlineData("a0", "%RH", "c8y_Humidity", "h")]
    [InlineData("ldr", "lux", "c8y_Light", "e")]
    [InlineData("bmp", "kPa", "c8y_Pressure", "P")]
    [InlineData("batt", "mV", "c8y_Voltage", "voltage")]
    [InlineData("co2", "ppm", "c8y_Co2", "co2")]
    [InlineData("soil moisture", "%", "c8y_Soil_moisture", "soil_moisture")]
    [InlineData("flow.rate", "", "c8y_Flow_rate", "flow_rate")]
    public void Sensors_have_sensible_defaults(string sensor, string unit, string fragment, string series)
    {
        var target = new MeasurementMapper().Resolve(sensor, unit);

        Assert.Equal((fragment, series, (string?)null), (target.Fragment, target.Series, target.Unit));
    }

    [Fact]
    public void The_configured_table_wins_over_the_defaults_whatever_the_case()
    {
        var mapper = new MeasurementMapper(new Dictionary<string, MeasurementTarget>
        {
            ["temp"] = new("c8y_BoilerTemperature", "water"),
            ["co2"] = new("c8y_AirQuality", "co2", "ppm"),
        });

        Assert.Equal(new MeasurementTarget("c8y_BoilerTemperature", "water"), mapper.Resolve("TEMP", "C"));
        Assert.Equal(MeasurementDefaults.Humidity, mapper.Resolve("hum", "%"));
        Assert.True(mapper.TryMap(Reading(("co2", "415", "ppm x")), out var row, out _));
        Assert.Equal("201,c8y_SensorReading,2024-05-06T12:00:00.250Z,c8y_AirQuality,co2,415,ppm", row.Text);
    }

    [Fact]
    public void A_bad_table_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new MeasurementMapper(new Dictionary<string, MeasurementTarget> { ["x"] = new("", "s") }));
        Assert.Throws<ArgumentException>(() => new MeasurementMapper(new Dictionary<string, MeasurementTarget> { ["x"] = new("f", " ") }));
        Assert.Throws<ArgumentException>(() => new MeasurementMapper(null, ""));
    }

    [Fact]
    public void A_reading_becomes_one_201_row_with_a_group_per_value()
    {
        Assert.True(new MeasurementMapper().TryMap(Reading(("temp", "21.50", "C"), ("hum", "40", "%"), ("light", "812", "")), out var row, out var error), error);

        Assert.Equal("201,c8y_SensorReading,2024-05-06T12:00:00.250Z,c8y_Temperature,T,21.50,C,c8y_Humidity,h,40,%,c8y_Light,e,812", row.Text);
    }

    [Fact]
    public void The_board_text_is_kept_when_it_is_a_number_and_the_double_is_used_otherwise()
    {
        var values = ImmutableArray.Create(new SensorValue("temp", 7, "007"), new SensorValue("hum", 1e21, "1000000000000000000000"), new SensorValue("light", 0.5, "+.5"));
        var reading = new Reading("dev", "00000001", 1, Noon, values, ["C", "%", "lx"], checksummed: true);

        Assert.True(new MeasurementMapper(null, "custom_Type").TryMap(reading, out var row, out _));

        Assert.Equal("201,custom_Type,2024-05-06T12:00:00.250Z,c8y_Temperature,T,7,C,c8y_Humidity,h,1000000000000000000000,%,c8y_Light,e,0.5,lx", row.Text);
    }

    [Fact]
    public void A_value_that_is_no_number_is_a_failure_not_an_exception()
    {
        var reading = new Reading("dev", "", 1, Noon, [new SensorValue("temp", double.NaN, "nan")], ["C"], checksummed: false);

        Assert.False(new MeasurementMapper().TryMap(reading, out var row, out var error));
        Assert.Null(row);
        Assert.Contains("temp", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sensors_of_one_kind_keep_apart_by_their_names()
    {
        Assert.True(new MeasurementMapper().TryMap(Reading(("temp", "21", "C"), ("temp2", "19", "C"), ("t.out", "4", "C"), ("temperature", "20", "")), out var row, out _));

        Assert.Equal(
            "201,c8y_SensorReading,2024-05-06T12:00:00.250Z,c8y_Temperature,T,21,C,c8y_Temperature,temp2,19,C,c8y_Temperature,t_out,4,C,c8y_Temperature,temperature,20",
            row.Text);
    }

    [Fact]
    public void A_sensor_name_that_is_taken_as_a_series_too_is_numbered()
    {
        var mapper = new MeasurementMapper(new Dictionary<string, MeasurementTarget> { ["a"] = new("f", "b"), ["b"] = new("f", "b") });

        Assert.True(mapper.TryMap(Reading(("a", "1", ""), ("b", "2", ""), ("B", "3", "")), out var row, out _));

        Assert.Equal("201,c8y_SensorReading,2024-05-06T12:00:00.250Z,f,b,1,,f,b_2,2,,f,B,3", row.Text);
    }

    [Fact]
    public void Units_with_special_characters_are_quoted()
    {
        Assert.True(new MeasurementMapper().TryMap(Reading(("flow", "3", "l, per min")), out var row, out _));

        Assert.Equal("201,c8y_SensorReading,2024-05-06T12:00:00.250Z,c8y_Flow,flow,3,\"l, per min\"", row.Text);
    }

    private static Reading Reading(params (string Name, string Text, string Unit)[] values) =>
        new(
            "0011223344556677",
            "0000ABCD",
            42,
            Noon,
            [.. values.Select(v => new SensorValue(v.Name, double.Parse(v.Text, System.Globalization.CultureInfo.InvariantCulture), v.Text))],
            [.. values.Select(v => v.Unit)],
            checksummed: true);
}
