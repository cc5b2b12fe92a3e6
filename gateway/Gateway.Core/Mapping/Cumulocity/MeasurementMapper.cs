using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Telemetry;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// Maps a <see cref="Reading"/> to one <c>201</c> row: the measurement type, the reading's time with its
/// offset, then fragment, series, value and unit for each value. Where a sensor goes comes from the
/// configured table (sensor name, any case) and otherwise from <see cref="MeasurementDefaults"/>; when two
/// values of one reading land on the same fragment and series, the later one takes its sensor's name as
/// series. The value is written as the board sent it when that is a valid number, from the double
/// otherwise. Pure.
/// </summary>
public sealed class MeasurementMapper
{
    /// <summary>The measurement type used when none is configured.</summary>
    public const string DefaultMeasurementType = "c8y_SensorReading";

    private readonly Dictionary<string, MeasurementTarget> _overrides;

    /// <summary>A mapper with <paramref name="overrides"/> (sensor name → target) and a measurement type.</summary>
    /// <exception cref="ArgumentException">A target has an empty fragment or series, or the type is empty.</exception>
    public MeasurementMapper(IReadOnlyDictionary<string, MeasurementTarget>? overrides = null, string measurementType = DefaultMeasurementType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(measurementType);
        _overrides = new Dictionary<string, MeasurementTarget>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sensor, target) in overrides ?? ImmutableDictionary<string, MeasurementTarget>.Empty)
        {
            if (string.IsNullOrWhiteSpace(target.Fragment) || string.IsNullOrWhiteSpace(target.Series))
            {
                throw new ArgumentException($"The measurement target of sensor '{sensor}' needs a fragment and a series.", nameof(overrides));
            }

            _overrides[sensor] = target;
        }

        MeasurementType = measurementType;
    }

    /// <summary>The type of every measurement, the first field of <c>201</c>.</summary>
    public string MeasurementType { get; }

    /// <summary>Where the values of <paramref name="sensor"/> go.</summary>
    public MeasurementTarget Resolve(string sensor, string unit) =>
        _overrides.TryGetValue(sensor, out var target) ? target : MeasurementDefaults.For(sensor, unit);

    /// <summary>The <c>201</c> row of <paramref name="reading"/>; false when a value is not a finite number.</summary>
    public bool TryMap(Reading reading, [NotNullWhen(true)] out SmartRestRow? row, out string error)
    {
        ArgumentNullException.ThrowIfNull(reading);
        row = null;
        var series = new MeasurementSeries[reading.Values.Length];
        for (var i = 0; i < series.Length; i++)
        {
            var value = reading.Values[i];
            if (string.IsNullOrEmpty(value.Name))
            {
                error = $"value {i + 1} of the reading has no sensor name";
                return false;
            }

            string text;
            if (JsonNumbers.IsJsonNumber(value.Text))
            {
                text = value.Text;
            }
            else if (double.IsFinite(value.Value))
            {
                text = value.Value.ToString("R", CultureInfo.InvariantCulture);
            }
            else
            {
                error = $"sensor '{value.Name}' has no finite value ('{value.Text}')";
                return false;
            }

            var unit = reading.Units[i];
            var target = Resolve(value.Name, unit);
            series[i] = new MeasurementSeries(target.Fragment, UniqueSeries(series.AsSpan(0, i), target, value.Name), text, target.Unit ?? unit);
        }

        error = string.Empty;
        row = UpstreamRows.Measurements(MeasurementType, reading.Stamp.Wall, series);
        return true;
    }

    /// <summary>
    /// The target's series, unless an earlier value of the reading already has that fragment and series
    /// (two temperature sensors): then the sensor's own name, numbered if even that is taken.
    /// </summary>
    private static string UniqueSeries(ReadOnlySpan<MeasurementSeries> earlier, MeasurementTarget target, string sensor)
    {
        var candidate = target.Series;
        var fallback = MeasurementDefaults.Sanitize(sensor);
        for (var n = 1; Taken(earlier, target.Fragment, candidate); n++)
        {
            candidate = n == 1 ? fallback : $"{fallback}_{n}";
        }

        return candidate;
    }

    private static bool Taken(ReadOnlySpan<MeasurementSeries> earlier, string fragment, string series)
    {
        foreach (var value in earlier)
        {
            if (value.Fragment == fragment && value.Series == series)
            {
                return true;
            }
        }

        return false;
    }
}
