namespace Gateway.Core.Framing;

/// <summary>What a <see cref="LinkItem"/> holds.</summary>
public enum LinkItemKind
{
    /// <summary>Nothing: the default value.</summary>
    None = 0,

    /// <summary>A checked frame, in <see cref="LinkItem.Frame"/>.</summary>
    Frame,

    /// <summary>An unchecked reading of a lenient port: a <see cref="ReadingFrame"/> with seq 0.</summary>
    LenientReading,

    /// <summary>A line of the sketch's own text, in <see cref="LinkItem.Text"/>.</summary>
    Debug,

    /// <summary>A rejected line: <see cref="LinkItem.Rejection"/> says why, <see cref="LinkItem.Text"/> what.</summary>
    Rejected,
}
