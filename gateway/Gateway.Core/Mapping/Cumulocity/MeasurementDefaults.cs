using System.Text;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// The built-in sensor mapping. By name (any case): <c>temperature</c>, <c>temp</c> →
/// <c>c8y_Temperature</c>/<c>T</c>; <c>humidity</c>, <c>hum</c>, <c>rh</c> → <c>c8y_Humidity</c>/<c>h</c>;
/// <c>light</c>, <c>lux</c>, <c>illuminance</c> → <c>c8y_Light</c>/<c>e</c>; <c>pressure</c>,
/// <c>press</c>, <c>baro</c> → <c>c8y_Pressure</c>/<c>P</c>; <c>voltage</c>, <c>volt</c>, <c>vcc</c>,
/// <c>mv</c>, <c>v</c> → <c>c8y_Voltage</c>/<c>voltage</c>. An unknown name is placed by its unit
/// (°C, C, degC, °F, F, K; %RH; lx, lux; Pa, hPa, kPa, mbar, bar, psi; V, mV), else it becomes
/// <c>c8y_&lt;Sensor&gt;</c>/<c>&lt;sensor&gt;</c> with characters other than letters, digits, <c>_</c> and
/// <c>-</c> replaced by <c>_</c>.
/// </summary>
public static class MeasurementDefaults
{
    /// <summary>Temperature.</summary>
    public static readonly MeasurementTarget Temperature = new("c8y_Temperature", "T");

    /// <summary>Relative humidity.</summary>
    public static readonly MeasurementTarget Humidity = new("c8y_Humidity", "h");

    /// <summary>Illuminance.</summary>
    public static readonly MeasurementTarget Light = new("c8y_Light", "e");

    /// <summary>Air pressure.</summary>
    public static readonly MeasurementTarget Pressure = new("c8y_Pressure", "P");

    /// <summary>Voltage.</summary>
    public static readonly MeasurementTarget Voltage = new("c8y_Voltage", "voltage");

    private static readonly Dictionary<string, MeasurementTarget> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["temperature"] = Temperature,
        ["temp"] = Temperature,
        ["humidity"] = Humidity,
        ["hum"] = Humidity,
        ["rh"] = Humidity,
        ["light"] = Light,
        ["lux"] = Light,
        ["illuminance"] = Light,
        ["pressure"] = Pressure,
        ["press"] = Pressure,
        ["baro"] = Pressure,
        ["voltage"] = Voltage,
        ["volt"] = Voltage,
        ["vcc"] = Voltage,
        ["mv"] = Voltage,
        ["v"] = Voltage,
    };

    private static readonly Dictionary<string, MeasurementTarget> ByUnit = new(StringComparer.Ordinal)
    {
        ["°C"] = Temperature,
        ["C"] = Temperature,
        ["degC"] = Temperature,
        ["°F"] = Temperature,
        ["F"] = Temperature,
        ["K"] = Temperature,
        ["%RH"] = Humidity,
        ["%rh"] = Humidity,
        ["lx"] = Light,
        ["lux"] = Light,
        ["Pa"] = Pressure,
        ["hPa"] = Pressure,
        ["kPa"] = Pressure,
        ["mbar"] = Pressure,
        ["bar"] = Pressure,
        ["psi"] = Pressure,
        ["V"] = Voltage,
        ["mV"] = Voltage,
    };

    /// <summary>The built-in target of a sensor: by name, then by unit, then the generic one.</summary>
    public static MeasurementTarget For(string sensor, string unit)
    {
        ArgumentException.ThrowIfNullOrEmpty(sensor);
        ArgumentNullException.ThrowIfNull(unit);
        if (ByName.TryGetValue(sensor, out var target) || ByUnit.TryGetValue(unit.Trim(), out target))
        {
            return target;
        }

        var series = Sanitize(sensor);
        return new MeasurementTarget($"c8y_{char.ToUpperInvariant(series[0])}{series[1..]}", series);
    }

    /// <summary><paramref name="sensor"/> with characters other than letters, digits, <c>_</c> and <c>-</c> replaced by <c>_</c>.</summary>
    internal static string Sanitize(string sensor)
    {
        var text = new StringBuilder(sensor.Length);
        foreach (var c in sensor)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return text.ToString();
    }
}
