using System.Collections.Immutable;

namespace Gateway.Core.Framing;

/// <summary>An <c>A</c> frame: <c>cmd-id[,key=value]...</c>.</summary>
public sealed class AckFrame : Frame
{
    /// <summary>Creates an ack.</summary>
    public AckFrame(uint seq, ushort commandId, ImmutableArray<KeyValuePair<string, string>> fields)
        : base(seq)
    {
        CommandId = commandId;
        Fields = OrEmpty(fields);
    }

    /// <inheritdoc/>
    public override FrameType Type => FrameType.Ack;

    /// <summary>The id of the command acknowledged.</summary>
    public ushort CommandId { get; }

    /// <summary>The result fields, in the order sent.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Fields { get; }
}
