namespace Gateway.Core.Devices;

/// <summary>What to do with a data frame, given the sequence numbers seen so far.</summary>
public enum SequenceVerdict
{
    /// <summary>The next frame in order: take it.</summary>
    Accept,

    /// <summary>Already taken (a resent or repeated frame): drop it.</summary>
    Duplicate,

    /// <summary>Frames are missing before this one: fill the gap (resend) or accept the loss.</summary>
    Gap,

    /// <summary>
    /// Numbered further back than any repeat could be: the board restarted its numbering (a reboot whose
    /// hello was not seen). The tracker has started over at this frame, which is accepted.
    /// </summary>
    Restart,
}
