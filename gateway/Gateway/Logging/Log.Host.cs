using Microsoft.Extensions.Logging;

namespace Gateway.Logging;

/// <summary>
/// Every log message of the gateway, by concern, with event ids in ranges: 1xxx serial links, 2xxx
/// framing, 3xxx store, 4xxx uplinks, 5xxx operations, 6xxx host, 7xxx devices.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Gateway {GatewayId} starting (version {Version}, data in {DataDirectory})")]
    public static partial void Starting(ILogger logger, string gatewayId, string version, string dataDirectory);

    [LoggerMessage(6001, LogLevel.Information, "Gateway stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(6002, LogLevel.Critical, "A gateway service failed and the gateway stops so that systemd can restart it")]
    public static partial void ServiceFailed(ILogger logger, Exception exception);

    [LoggerMessage(6003, LogLevel.Error, "Not feeding the systemd watchdog: {Loops} stopped moving")]
    public static partial void WatchdogWithheld(ILogger logger, string loops);

    [LoggerMessage(6004, LogLevel.Warning, "Cannot write the health report to {Path} ({Reason}); `gateway status` will show it as stale")]
    public static partial void HealthFileFailed(ILogger logger, string path, string reason);
}
