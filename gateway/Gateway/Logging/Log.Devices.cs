using Microsoft.Extensions.Logging;

namespace Gateway.Logging;

internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information, "Device {DeviceId} on {Port}: {Firmware} {Version}, boot {BootId}, every {IntervalMs} ms")]
    public static partial void DeviceHello(ILogger logger, string deviceId, string port, string firmware, string version, string bootId, uint intervalMs);

    [LoggerMessage(7001, LogLevel.Information, "Device {DeviceId} is online")]
    public static partial void DeviceOnline(ILogger logger, string deviceId);

    [LoggerMessage(7002, LogLevel.Warning, "Device {DeviceId} is offline ({Reason})")]
    public static partial void DeviceOffline(ILogger logger, string deviceId, string reason);

    [LoggerMessage(7003, LogLevel.Information, "Device {DeviceId} moved from {OldPort} to {NewPort}")]
    public static partial void DeviceMoved(ILogger logger, string deviceId, string oldPort, string newPort);
}
