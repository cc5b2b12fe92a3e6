using System.Globalization;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// A threshold alarm on one sensor: raised when the value goes beyond <see cref="Limit"/> (above or below,
/// per <see cref="Above"/>), cleared when it is back inside by <see cref="Hysteresis"/>. Immutable.
/// </summary>
/// <param name="Sensor">The sensor name (any case).</param>
/// <param name="Device">Only this board, or null for every board.</param>
/// <param name="Above">True: raise above the limit; false: below it.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Hysteresis">How far back inside the value must come to clear (zero or more).</param>
/// <param name="Severity">The alarm's severity.</param>
/// <param name="Type">The alarm type (one active alarm per board and type).</param>
/// <param name="Text">The alarm text, or null for one naming the value and the limit.</param>
internal sealed record ThresholdRule(
    string Sensor, string? Device, bool Above, double Limit, double Hysteresis, AlarmSeverity Severity, string Type, string? Text)
{
    /// <summary>Whether the rule watches <paramref name="sensor"/> of <paramref name="device"/>.</summary>
    public bool Applies(string device, string sensor) =>
        string.Equals(Sensor, sensor, StringComparison.OrdinalIgnoreCase) && (Device is null || string.Equals(Device, device, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="value"/> is beyond the limit (raises).</summary>
    public bool Breaches(double value) => Above ? value > Limit : value < Limit;

    /// <summary>Whether <paramref name="value"/> is back inside by the hysteresis (clears).</summary>
    public bool Recovered(double value) => Above ? value <= Limit - Hysteresis : value >= Limit + Hysteresis;

    /// <summary>The text of an alarm raised by <paramref name="value"/>.</summary>
    public string TextFor(double value) =>
        Text ?? string.Create(CultureInfo.InvariantCulture, $"{Sensor} is {value:G6}, {(Above ? "above" : "below")} the limit {Limit:G6}");

    /// <summary>The rule a <c>Cumulocity:Thresholds</c> entry describes (already validated).</summary>
    public static ThresholdRule From(Configuration.ThresholdRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var above = options.Above.HasValue;
        var type = options.Type.Length > 0
            ? options.Type
            : CumulocityNames.Type(options.Sensor, above ? "High" : "Low");
        var severity = options.Severity.ToUpperInvariant() switch
        {
            "CRITICAL" => AlarmSeverity.Critical,
            "MINOR" => AlarmSeverity.Minor,
            "WARNING" => AlarmSeverity.Warning,
            _ => AlarmSeverity.Major,
        };
        return new ThresholdRule(
            options.Sensor,
            options.Device.Length > 0 ? options.Device : null,
            above,
            options.Above ?? options.Below ?? 0,
            options.Hysteresis,
            severity,
            type,
            options.Text.Length > 0 ? options.Text : null);
    }
}
