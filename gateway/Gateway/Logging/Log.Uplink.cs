using Microsoft.Extensions.Logging;

namespace Gateway.Logging;

internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "{Uplink}: connected to {Endpoint} as {ClientId}")]
    public static partial void UplinkConnected(ILogger logger, string uplink, string endpoint, string clientId);

    [LoggerMessage(4001, LogLevel.Warning, "{Uplink}: cannot connect to {Endpoint} ({Reason}); readings are kept and sent later; retrying in {DelayMs} ms")]
    public static partial void UplinkConnectFailed(ILogger logger, string uplink, string endpoint, string reason, long delayMs);

    [LoggerMessage(4002, LogLevel.Warning, "{Uplink}: disconnected from {Endpoint} ({Reason}); readings are kept and sent after reconnecting")]
    public static partial void UplinkDisconnected(ILogger logger, string uplink, string endpoint, string reason);

    [LoggerMessage(4003, LogLevel.Error, "{Uplink}: cannot be configured: {Reason}")]
    public static partial void UplinkMisconfigured(ILogger logger, string uplink, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "{Uplink}: a record of {DeviceId} (seq {Seq}) cannot be mapped and is skipped: {Reason}")]
    public static partial void RecordUnmappable(ILogger logger, string uplink, string deviceId, uint seq, string reason);

    [LoggerMessage(5000, LogLevel.Information, "Command {RequestId} for {DeviceId}: {Command} → {Outcome}")]
    public static partial void CommandDone(ILogger logger, string requestId, string deviceId, string command, string outcome);

    [LoggerMessage(5001, LogLevel.Warning, "Command on {Topic} rejected: {Reason}")]
    public static partial void CommandInvalid(ILogger logger, string topic, string reason);

    [LoggerMessage(4005, LogLevel.Debug, "{Uplink}: session step: {Step}")]
    public static partial void SessionStep(ILogger logger, string uplink, string step);

    [LoggerMessage(4006, LogLevel.Error, "{Uplink}: cannot send from the outbox")]
    public static partial void DrainFailed(ILogger logger, string uplink, Exception exception);

    [LoggerMessage(4007, LogLevel.Debug, "{Uplink}: drained {Sent} record(s); {InFlight} in flight, backlog {Backlog}")]
    public static partial void Drained(ILogger logger, string uplink, int sent, int inFlight, long backlog);

    [LoggerMessage(4008, LogLevel.Debug, "{Uplink}: draining stopped by the closed link ({Reason})")]
    public static partial void DrainStopped(ILogger logger, string uplink, string reason);

    [LoggerMessage(4009, LogLevel.Warning, "{Uplink}: a thread was still sending from the outbox {Seconds} s after the session ended; the next session starts anyway")]
    public static partial void SenderStillBusy(ILogger logger, string uplink, int seconds);
}
