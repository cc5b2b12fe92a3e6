namespace Gateway.Core.Framing;

/// <summary>An <c>N</c> frame: <c>cmd-id,reason[,text]</c>.</summary>
public sealed class NakFrame : Frame
{
    /// <summary>Creates a nak; an empty <paramref name="text"/> is sent as no text.</summary>
    public NakFrame(uint seq, ushort commandId, NakReason reason, string text)
        : base(seq)
    {
        ArgumentNullException.ThrowIfNull(text);
        CommandId = commandId;
        Reason = reason;
        Text = text;
    }

    /// <inheritdoc/>
    public override FrameType Type => FrameType.Nak;

    /// <summary>The id of the command refused.</summary>
    public ushort CommandId { get; }

    /// <summary>Why it was refused.</summary>
    public NakReason Reason { get; }

    /// <summary>The decoded explanation; empty when the nak has none.</summary>
    public string Text { get; }
}
