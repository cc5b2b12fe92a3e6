namespace Gateway.Core.Telemetry;

/// <summary>An event a board reported (a button, a sensor fault, a recovery).</summary>
public sealed class BoardEvent : Record
{
    /// <summary>Creates an event.</summary>
    public BoardEvent(string deviceId, string bootId, uint seq, Stamp stamp, string eventType, string text)
        : base(deviceId, bootId, seq, stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(text);
        EventType = eventType;
        Text = text;
    }

    /// <summary>The event's type, e.g. <c>button</c> or <c>fault</c>.</summary>
    public string EventType { get; }

    /// <summary>The event's text, possibly empty.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override Record WithStamp(Stamp stamp) => new BoardEvent(DeviceId, BootId, Seq, stamp, EventType, Text);
}
