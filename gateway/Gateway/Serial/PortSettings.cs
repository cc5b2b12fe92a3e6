using Gateway.Configuration;
using Gateway.Core.Devices;

namespace Gateway.Serial;

/// <summary>The settings of one port in effect: configured or discovered.</summary>
/// <param name="Path">Device path.</param>
/// <param name="BaudRate">Baud rate.</param>
/// <param name="Mode">How the port is read.</param>
/// <param name="FallbackDeviceId">The id of a board on this port that sends no hello.</param>
/// <param name="Discovered">Whether discovery found it (a discovered port that vanishes is forgotten).</param>
public sealed record PortSettings(string Path, int BaudRate, LinkMode Mode, string FallbackDeviceId, bool Discovered)
{
    /// <summary>Settings of a configured port.</summary>
    public static PortSettings From(PortOptions port, SerialOptions serial)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(serial);
        return new PortSettings(
            port.Path,
            port.BaudRate != 0 ? port.BaudRate : serial.BaudRate,
            port.Mode,
            port.DeviceId.Length > 0 ? port.DeviceId : PortDeviceId.For(port.Path),
            Discovered: false);
    }

    /// <summary>Settings of a discovered port.</summary>
    public static PortSettings ForDiscovered(string path, SerialOptions serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        return new PortSettings(path, serial.BaudRate, LinkMode.Framed, PortDeviceId.For(path), Discovered: true);
    }
}
