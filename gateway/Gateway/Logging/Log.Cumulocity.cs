using Microsoft.Extensions.Logging;

namespace Gateway.Logging;

/// <summary>The Cumulocity uplink: 8000–8019 connection, 8020–8039 telemetry and events, 8040–8059 operations.</summary>
internal static partial class Log
{
    [LoggerMessage(8000, LogLevel.Information, "cumulocity: connected to {Endpoint} as {ClientId} ({Auth})")]
    public static partial void CumulocityConnected(ILogger logger, string endpoint, string clientId, string auth);

    [LoggerMessage(8001, LogLevel.Warning, "cumulocity: cannot connect to {Endpoint} ({Reason}); data is kept and sent later; retrying in {DelayMs} ms")]
    public static partial void CumulocityConnectFailed(ILogger logger, string endpoint, string reason, long delayMs);

    [LoggerMessage(8002, LogLevel.Error, "cumulocity: {Endpoint} refused the connection as {ClientId}: {Reason}. Check the credentials or certificate (and that the device is registered); retrying in {DelayMs} ms")]
    public static partial void CumulocityRefused(ILogger logger, string endpoint, string clientId, string reason, long delayMs);

    [LoggerMessage(8003, LogLevel.Warning, "cumulocity: disconnected from {Endpoint} ({Reason}); data is kept and sent after reconnecting")]
    public static partial void CumulocityDisconnected(ILogger logger, string endpoint, string reason);

    [LoggerMessage(8004, LogLevel.Information, "cumulocity: registered the gateway and {Boards} board(s); {Interrupted} interrupted operation(s) to close")]
    public static partial void CumulocityRegistered(ILogger logger, int boards, int interrupted);

    [LoggerMessage(8005, LogLevel.Information, "cumulocity: waiting for an operator to accept device {ClientId} under Device management → Registration (asking every {Seconds} s)")]
    public static partial void CumulocityBootstrapWaiting(ILogger logger, string clientId, int seconds);

    [LoggerMessage(8006, LogLevel.Information, "cumulocity: bootstrap done; device credentials of {User} stored in {Path}")]
    public static partial void CumulocityBootstrapDone(ILogger logger, string user, string path);

    [LoggerMessage(8007, LogLevel.Warning, "cumulocity: s/e reports {Code} about template {TemplateId}: {Message}")]
    public static partial void CumulocityErrorTopic(ILogger logger, int code, string templateId, string message);

    [LoggerMessage(8008, LogLevel.Information, "cumulocity: stopping; told Cumulocity with a connection event")]
    public static partial void CumulocityStopping(ILogger logger);

    [LoggerMessage(8009, LogLevel.Debug, "cumulocity: {Topic} ← {Payload}")]
    public static partial void CumulocityDownstream(ILogger logger, string topic, string payload);

    [LoggerMessage(8020, LogLevel.Warning, "cumulocity: a record of {DeviceId} (seq {Seq}) cannot be sent and is skipped: {Reason}")]
    public static partial void CumulocityRecordSkipped(ILogger logger, string deviceId, uint seq, string reason);

    [LoggerMessage(8021, LogLevel.Information, "cumulocity: alarm {Type} on {DeviceId}: {Transition} ({Value})")]
    public static partial void CumulocityThreshold(ILogger logger, string type, string deviceId, string transition, double value);

    [LoggerMessage(8022, LogLevel.Warning, "cumulocity: a control message for {Topic} of {Bytes} bytes exceeds the publish limit and is dropped")]
    public static partial void CumulocityControlTooLarge(ILogger logger, string topic, int bytes);

    [LoggerMessage(8040, LogLevel.Information, "cumulocity: operation {Fragment} for {DeviceId} received")]
    public static partial void CumulocityOperationReceived(ILogger logger, string fragment, string deviceId);

    [LoggerMessage(8041, LogLevel.Information, "cumulocity: operation {Fragment} for {DeviceId} delivered again while in progress; not carried out twice")]
    public static partial void CumulocityOperationRedelivered(ILogger logger, string fragment, string deviceId);

    [LoggerMessage(8042, LogLevel.Warning, "cumulocity: an operation row cannot be read ({Error}): {Row}")]
    public static partial void CumulocityOperationUndecodable(ILogger logger, string row, string error);

    [LoggerMessage(8043, LogLevel.Information, "cumulocity: operation {Fragment} for {DeviceId}: {Outcome}")]
    public static partial void CumulocityOperationDone(ILogger logger, string fragment, string deviceId, string outcome);

    [LoggerMessage(8044, LogLevel.Warning, "cumulocity: operation {Fragment} for {DeviceId} was executing when the gateway stopped; reporting it {Status}")]
    public static partial void CumulocityOperationInterrupted(ILogger logger, string fragment, string deviceId, string status);

    [LoggerMessage(8045, LogLevel.Warning, "cumulocity: restarting the gateway for a c8y_Restart operation (systemd starts it again)")]
    public static partial void CumulocityRestarting(ILogger logger);
}
