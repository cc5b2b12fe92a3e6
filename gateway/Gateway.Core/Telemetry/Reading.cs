using System.Collections.Immutable;
using Gateway.Core.Framing;

namespace Gateway.Core.Telemetry;

/// <summary>A reading of one or more sensors, with the unit of each value from the board's hello.</summary>
public sealed class Reading : Record
{
    /// <summary>Creates a reading; <paramref name="units"/> has one entry per value ("" when unknown).</summary>
    public Reading(
        string deviceId,
        string bootId,
        uint seq,
        Stamp stamp,
        ImmutableArray<SensorValue> values,
        ImmutableArray<string> units,
        bool checksummed)
        : base(deviceId, bootId, seq, stamp)
    {
        if (values.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A reading needs at least one value.", nameof(values));
        }

        if (units.IsDefault || units.Length != values.Length)
        {
            throw new ArgumentException("A reading needs one unit per value.", nameof(units));
        }

        Values = values;
        Units = units;
        Checksummed = checksummed;
    }

    /// <summary>The values, in the order the board sent them.</summary>
    public ImmutableArray<SensorValue> Values { get; }

    /// <summary>The unit of each value, aligned with <see cref="Values"/>.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>False for lenient lines, which carry no checksum.</summary>
    public bool Checksummed { get; }

    /// <inheritdoc />
    public override Record WithStamp(Stamp stamp) => new Reading(DeviceId, BootId, Seq, stamp, Values, Units, Checksummed);
}
