namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>Alarm statuses.</summary>
public enum AlarmStatus
{
    /// <summary>Raised and not cleared.</summary>
    Active,

    /// <summary>Cleared by <c>306</c>.</summary>
    Cleared,
}

/// <summary>
/// An alarm with Cumulocity's semantics: one ACTIVE per device and type; raising it again counts up and
/// moves <see cref="Time"/> but changes nothing else; <c>305</c> changes the severity; <c>306</c> clears it.
/// </summary>
public sealed class EmulatedAlarm
{
    internal EmulatedAlarm(string deviceId, string type, string severity, string text, DateTimeOffset time)
    {
        DeviceId = deviceId;
        Type = type;
        Severity = severity;
        Text = text;
        FirstOccurrenceTime = time;
        Time = time;
        Count = 1;
    }

    /// <summary>The device it is raised on.</summary>
    public string DeviceId { get; }

    /// <summary>The alarm type, its key per device.</summary>
    public string Type { get; }

    /// <summary>CRITICAL, MAJOR, MINOR or WARNING.</summary>
    public string Severity { get; internal set; }

    /// <summary>The text of the first occurrence.</summary>
    public string Text { get; }

    /// <summary>Active or cleared.</summary>
    public AlarmStatus Status { get; internal set; } = AlarmStatus.Active;

    /// <summary>How many times it was raised while active.</summary>
    public int Count { get; internal set; }

    /// <summary>When it was first raised.</summary>
    public DateTimeOffset FirstOccurrenceTime { get; }

    /// <summary>When it was last raised.</summary>
    public DateTimeOffset Time { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Severity} {Status} ×{Count}: {Text}";
}
