using System.Collections.Immutable;
using Gateway.Core.Framing;

namespace Gateway.Core.Devices;

/// <summary>What the gateway knows about a board: from its hello, or from configuration for a lenient port.</summary>
/// <param name="DeviceId">The board's device id (16 hex digits from its EEPROM, or a configured/derived id).</param>
/// <param name="BootId">The boot id of the board's current boot (empty when unknown).</param>
/// <param name="Firmware">Firmware name (empty when unknown).</param>
/// <param name="FirmwareVersion">Firmware version (empty when unknown).</param>
/// <param name="ProtocolVersion">Protocol version of the hello (0 when none).</param>
/// <param name="IntervalMs">The board's sample interval (0 when unknown).</param>
/// <param name="ResendCapacity">How many data frames the board keeps for a resend.</param>
/// <param name="Sensors">Sensors and their units.</param>
/// <param name="Outputs">Digital outputs the board drives.</param>
/// <param name="Port">The serial port the board is on now.</param>
/// <param name="Mode">How the port is read.</param>
public sealed record DeviceInfo(
    string DeviceId,
    string BootId,
    string Firmware,
    string FirmwareVersion,
    uint ProtocolVersion,
    uint IntervalMs,
    uint ResendCapacity,
    ImmutableArray<SensorInfo> Sensors,
    ImmutableArray<OutputInfo> Outputs,
    string Port,
    LinkMode Mode)
{
    /// <summary>Sensors and their units (never default).</summary>
    public ImmutableArray<SensorInfo> Sensors { get; init; } = Sensors.IsDefault ? [] : Sensors;

    /// <summary>Digital outputs the board drives (never default).</summary>
    public ImmutableArray<OutputInfo> Outputs { get; init; } = Outputs.IsDefault ? [] : Outputs;

    /// <summary>Builds the device info of a board from its hello.</summary>
    public static DeviceInfo FromHello(HelloFrame hello, string port)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return new DeviceInfo(
            hello.DeviceId,
            hello.BootId,
            hello.Firmware,
            hello.FirmwareVersion,
            hello.ProtocolVersion,
            hello.IntervalMs,
            hello.ResendCapacity,
            hello.Sensors,
            hello.Outputs,
            port,
            LinkMode.Framed);
    }

    /// <summary>A device known only by its port: a lenient sketch, or a board that never said hello.</summary>
    public static DeviceInfo ForPort(string deviceId, string port, LinkMode mode) =>
        new(deviceId, string.Empty, string.Empty, string.Empty, 0, 0, 0, [], [], port, mode);

    /// <summary>Value equality, including the sensor and output lists.</summary>
    public bool Equals(DeviceInfo? other) =>
        other is not null &&
        DeviceId == other.DeviceId && BootId == other.BootId && Firmware == other.Firmware &&
        FirmwareVersion == other.FirmwareVersion && ProtocolVersion == other.ProtocolVersion &&
        IntervalMs == other.IntervalMs && ResendCapacity == other.ResendCapacity && Port == other.Port && Mode == other.Mode &&
        Sensors.AsSpan().SequenceEqual(other.Sensors.AsSpan()) && Outputs.AsSpan().SequenceEqual(other.Outputs.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DeviceId, BootId, Firmware, FirmwareVersion, IntervalMs, Port, Sensors.Length);

    /// <summary>The unit of a sensor, or "" when the hello did not name it.</summary>
    public string UnitOf(string sensor)
    {
        foreach (var s in Sensors)
        {
            if (string.Equals(s.Name, sensor, StringComparison.Ordinal))
            {
                return s.Unit;
            }
        }

        return string.Empty;
    }

    /// <summary>Whether the board drives <paramref name="pin"/> as an output.</summary>
    public bool HasOutput(uint pin)
    {
        foreach (var o in Outputs)
        {
            if (o.Pin == pin)
            {
                return true;
            }
        }

        return false;
    }
}
