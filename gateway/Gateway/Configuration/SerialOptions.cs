using Gateway.Core.Devices;

namespace Gateway.Configuration;

/// <summary>The <c>Serial</c> section: which ports to read and how.</summary>
public sealed class SerialOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Serial";

    /// <summary>Ports to read. When empty, ports are discovered with <see cref="DiscoveryPatterns"/>.</summary>
    public List<PortOptions> Ports { get; set; } = [];

    /// <summary>Where to look for boards when no port is configured (shell-style wildcards in the file name).</summary>
    public List<string> DiscoveryPatterns { get; set; } = [];

    /// <summary>How often discovery looks for new ports, in seconds.</summary>
    public int DiscoveryIntervalSeconds { get; set; } = 2;

    /// <summary>Baud rate of ports that do not set their own.</summary>
    public int BaudRate { get; set; } = 115200;

    /// <summary>Longest line accepted, in bytes (ADR 0001: 256).</summary>
    public int MaxLineLength { get; set; } = 256;

    /// <summary>A board is offline after this many sample intervals of silence.</summary>
    public int OfflineAfterIntervals { get; set; } = 3;

    /// <summary>Silence after which a board without a known interval (lenient) is offline, in seconds.</summary>
    public int SilenceTimeoutSeconds { get; set; } = 30;

    /// <summary>How long to wait for a board's answer to a command, in milliseconds.</summary>
    public int CommandTimeoutMs { get; set; } = 2000;

    /// <summary>How long frames wait for a hello after a port opens before the port's own identity is used, in milliseconds.</summary>
    public int HelloWaitMs { get; set; } = 2500;

    /// <summary>First delay before reopening a lost port, in milliseconds.</summary>
    public int ReopenMinMs { get; set; } = 500;

    /// <summary>Longest delay between attempts to reopen a lost port, in milliseconds.</summary>
    public int ReopenMaxMs { get; set; } = 30_000;

    /// <summary>The discovery patterns in effect.</summary>
    public IReadOnlyList<string> EffectiveDiscoveryPatterns =>
        DiscoveryPatterns.Count > 0 ? DiscoveryPatterns : ["/dev/serial/by-id/*", "/dev/ttyACM*", "/dev/ttyUSB*"];
}

/// <summary>One configured serial port.</summary>
public sealed class PortOptions
{
    /// <summary>The device path, e.g. <c>/dev/serial/by-id/usb-Arduino…</c> or <c>/dev/ttyACM0</c>.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Baud rate; 0 uses <see cref="SerialOptions.BaudRate"/>.</summary>
    public int BaudRate { get; set; }

    /// <summary><c>Framed</c> (ADR 0001 frames) or <c>Lenient</c> (also plain <c>name=value</c> lines).</summary>
    public LinkMode Mode { get; set; } = LinkMode.Framed;

    /// <summary>The device id of a board that sends no hello (lenient sketches). Empty: derived from the port.</summary>
    public string DeviceId { get; set; } = string.Empty;
}
