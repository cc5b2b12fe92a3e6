using System.Collections.Immutable;

namespace Gateway.Core.Framing;

/// <summary>A <c>C</c> frame from the gateway: <c>$C,id,verb[,arg]...</c>; the id sits in the seq position.</summary>
public sealed class CommandFrame : Frame
{
    /// <summary>The smallest command id; 0 is not a valid id.</summary>
    public const ushort MinId = 1;

    /// <summary>Creates a command.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is 0.</exception>
    public CommandFrame(ushort id, string verb, ImmutableArray<string> args)
        : base(id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, MinId);
        ArgumentNullException.ThrowIfNull(verb);
        Verb = verb;
        Args = OrEmpty(args);
    }

    /// <inheritdoc/>
    public override FrameType Type => FrameType.Command;

    /// <summary>The command id, 1–65535, echoed by the board's ack or nak.</summary>
    public ushort Id => (ushort)Seq;

    /// <summary>The verb, such as <c>interval</c> or <c>resend</c>.</summary>
    public string Verb { get; }

    /// <summary>The arguments, as sent.</summary>
    public ImmutableArray<string> Args { get; }
}
