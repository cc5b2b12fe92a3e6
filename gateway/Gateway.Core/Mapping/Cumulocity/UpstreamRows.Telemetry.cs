using System.Collections.Immutable;
using System.Globalization;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>Measurements (2xx), alarms (3xx) and events (4xx).</summary>
public static partial class UpstreamRows
{
    /// <summary><c>200,fragment,series,value,[unit],[time]</c>: one measurement value.</summary>
    public static SmartRestRow Measurement(string fragment, string series, string value, string? unit = null, DateTimeOffset? time = null) =>
        Row(
            "200",
            FieldRules.Mandatory(fragment, nameof(fragment)),
            FieldRules.Mandatory(series, nameof(series)),
            FieldRules.Number(value, nameof(value)),
            FieldRules.Optional(unit),
            SmartRestTime.ToText(time));

    /// <summary><c>200,…</c> from a double, written in its shortest round-trip form.</summary>
    public static SmartRestRow Measurement(string fragment, string series, double value, string? unit = null, DateTimeOffset? time = null) =>
        Measurement(fragment, series, FieldRules.Number(value, nameof(value)), unit, time);

    /// <summary>
    /// <c>201,type,[time],fragment,series,value,[unit],…</c>: one measurement with several values; at least
    /// one series.
    /// </summary>
    public static SmartRestRow Measurements(string type, DateTimeOffset? time, IEnumerable<MeasurementSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var fields = ImmutableArray.CreateBuilder<string>();
        fields.Add("201");
        fields.Add(FieldRules.Mandatory(type, nameof(type)));
        fields.Add(SmartRestTime.ToText(time));
        foreach (var value in series)
        {
            fields.Add(FieldRules.Mandatory(value.Fragment, nameof(MeasurementSeries.Fragment)));
            fields.Add(FieldRules.Mandatory(value.Series, nameof(MeasurementSeries.Series)));
            fields.Add(FieldRules.Number(value.Value, nameof(MeasurementSeries.Value)));
            fields.Add(FieldRules.Optional(value.Unit));
        }

        if (fields.Count == 3)
        {
            throw new ArgumentException("A measurement needs at least one series.", nameof(series));
        }

        return new SmartRestRow(fields.ToImmutable());
    }

    /// <summary>
    /// <c>301</c>–<c>304,type,[text],[time]</c>: raises an alarm. Cumulocity keeps one active alarm per
    /// device and type and counts repeats.
    /// </summary>
    public static SmartRestRow Alarm(AlarmSeverity severity, string type, string? text = null, DateTimeOffset? time = null) =>
        Row(
            SeverityTemplate(severity),
            FieldRules.Mandatory(type, nameof(type)),
            FieldRules.Optional(text),
            SmartRestTime.ToText(time));

    /// <summary><c>305,type,severity</c>: changes the severity of the active alarm of that type.</summary>
    public static SmartRestRow AlarmSeverityChange(string type, AlarmSeverity severity) =>
        Row(
            "305",
            FieldRules.Mandatory(type, nameof(type)),
            severity switch
            {
                AlarmSeverity.Critical => "CRITICAL",
                AlarmSeverity.Major => "MAJOR",
                AlarmSeverity.Minor => "MINOR",
                AlarmSeverity.Warning => "WARNING",
                _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not an alarm severity."),
            });

    /// <summary><c>306,type</c>: clears the active alarm of that type.</summary>
    public static SmartRestRow ClearAlarm(string type) => Row("306", FieldRules.Mandatory(type, nameof(type)));

    /// <summary><c>400,type,text,[time]</c>: an event.</summary>
    public static SmartRestRow Event(string type, string text, DateTimeOffset? time = null) =>
        Row("400", FieldRules.Mandatory(type, nameof(type)), FieldRules.Mandatory(text, nameof(text)), SmartRestTime.ToText(time));

    private static string SeverityTemplate(AlarmSeverity severity) =>
        Enum.IsDefined(severity)
            ? ((int)severity).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not an alarm severity.");
}
