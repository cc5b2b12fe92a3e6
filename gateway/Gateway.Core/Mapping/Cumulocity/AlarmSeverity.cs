namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>Alarm severities; the value is the static template that raises an alarm of that severity.</summary>
public enum AlarmSeverity
{
    /// <summary>Template 301.</summary>
    Critical = 301,

    /// <summary>Template 302.</summary>
    Major = 302,

    /// <summary>Template 303.</summary>
    Minor = 303,

    /// <summary>Template 304.</summary>
    Warning = 304,
}
