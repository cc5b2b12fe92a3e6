namespace Gateway.Core.Framing;

/// <summary>An <c>E</c> frame: <c>type[,text]</c>.</summary>
public sealed class EventFrame : Frame
{
    /// <summary>Creates an event; an empty <paramref name="text"/> is sent as no text.</summary>
    public EventFrame(uint seq, string eventType, string text)
        : base(seq)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(text);
        EventType = eventType;
        Text = text;
    }

    /// <inheritdoc/>
    public override FrameType Type => FrameType.Event;

    /// <summary>The event's type, a name such as <c>button</c> or <c>fault</c>.</summary>
    public string EventType { get; }

    /// <summary>The decoded text; empty when the event has none.</summary>
    public string Text { get; }
}
