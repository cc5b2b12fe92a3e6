using System.Globalization;

namespace Gateway.Core.Framing;

/// <summary>
/// One <c>name=value</c> of a reading. <see cref="Text"/> is the number exactly as the board sent it,
/// so it can be forwarded without a round trip through <see cref="double"/>.
/// </summary>
public readonly record struct SensorValue(string Name, double Value, string Text)
{
    /// <summary>A value whose text is <paramref name="value"/>'s shortest round-trip invariant form.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static SensorValue Create(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A reading value must be finite.");
        }

        return new SensorValue(name, value, value.ToString("R", CultureInfo.InvariantCulture));
    }
}
