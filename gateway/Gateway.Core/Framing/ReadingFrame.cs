using System.Collections.Immutable;

namespace Gateway.Core.Framing;

/// <summary>
/// An <c>R</c> frame: one or more values with distinct names. A lenient reading is a reading frame with
/// <see cref="Frame.Seq"/> 0: the host numbers those.
/// </summary>
public sealed class ReadingFrame : Frame
{
    /// <summary>Creates a reading.</summary>
    public ReadingFrame(uint seq, ImmutableArray<SensorValue> values)
        : base(seq) => Values = OrEmpty(values);

    /// <inheritdoc/>
    public override FrameType Type => FrameType.Reading;

    /// <summary>The values in the order sent.</summary>
    public ImmutableArray<SensorValue> Values { get; }
}
