using System.Collections.Immutable;

namespace Gateway.Core.Framing;

/// <summary>A decoded frame. The set of frame types is closed: see <see cref="FrameType"/>.</summary>
public abstract class Frame
{
    private protected Frame(uint seq) => Seq = seq;

    /// <summary>The frame's type letter.</summary>
    public abstract FrameType Type { get; }

    /// <summary>
    /// The sequence number: a data frame's own number, for control frames the number of the last data
    /// frame sent before them, for a command its id.
    /// </summary>
    public uint Seq { get; }

    private protected static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
