using Gateway.Core.Framing;
using Microsoft.Extensions.Logging;

namespace Gateway.Logging;

internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Serial port {Port} opened at {Baud} baud ({Mode})")]
    public static partial void PortOpened(ILogger logger, string port, int baud, string mode);

    [LoggerMessage(1001, LogLevel.Warning, "Serial port {Port} could not be opened ({Reason}); retrying in {DelayMs} ms")]
    public static partial void PortOpenFailed(ILogger logger, string port, string reason, long delayMs);

    [LoggerMessage(1002, LogLevel.Warning, "Serial port {Port} was lost ({Reason}); reopening in {DelayMs} ms")]
    public static partial void PortLost(ILogger logger, string port, string reason, long delayMs);

    [LoggerMessage(1003, LogLevel.Information, "Serial port {Port} found")]
    public static partial void PortDiscovered(ILogger logger, string port);

    [LoggerMessage(1004, LogLevel.Information, "Serial port {Port} is gone")]
    public static partial void PortGone(ILogger logger, string port);

    [LoggerMessage(1005, LogLevel.Information, "No serial port configured: discovering boards at {Patterns}")]
    public static partial void DiscoveryStarted(ILogger logger, string patterns);

    [LoggerMessage(2000, LogLevel.Debug, "{Port} debug: {Text}")]
    public static partial void BoardDebug(ILogger logger, string port, string text);

    [LoggerMessage(2001, LogLevel.Warning, "{Port}: rejected a line ({Rejection}, {Count} so far): {Text}")]
    public static partial void LineRejected(ILogger logger, string port, Rejection rejection, long count, string text);

    [LoggerMessage(2002, LogLevel.Warning, "{Port}: board {DeviceId} speaks protocol version {Version}; this gateway speaks 1. Its frames are rejected until it says hello with version 1")]
    public static partial void VersionMismatch(ILogger logger, string port, string deviceId, uint version);

    [LoggerMessage(2003, LogLevel.Warning, "{Port}: {DeviceId} boot {BootId}: {Count} data frame(s) lost before seq {Seq}")]
    public static partial void FramesLost(ILogger logger, string port, string deviceId, string bootId, long count, uint seq);

    [LoggerMessage(2004, LogLevel.Information, "{Port}: asked {DeviceId} to resend from seq {Seq}")]
    public static partial void ResendRequested(ILogger logger, string port, string deviceId, uint seq);

    [LoggerMessage(2005, LogLevel.Information, "{Port}: no hello within {WaitMs} ms; the board is known by its port as {DeviceId}")]
    public static partial void NoHello(ILogger logger, string port, long waitMs, string deviceId);

    [LoggerMessage(2006, LogLevel.Warning, "{Port}: the store refused a record of {DeviceId} (seq {Seq}; {Count} refused in a row); see the store's drop counters")]
    public static partial void RecordRefused(ILogger logger, string port, string deviceId, uint seq, long count);

    [LoggerMessage(2007, LogLevel.Warning, "{Port}: {DeviceId} started its numbering over at seq {Seq} (a restart without a hello)")]
    public static partial void SequenceRestarted(ILogger logger, string port, string deviceId, uint seq);

    [LoggerMessage(2008, LogLevel.Information, "{Port}: {DeviceId} boot {BootId} continues; the store holds its readings up to seq {Seq}")]
    public static partial void SequenceResumed(ILogger logger, string port, string deviceId, string bootId, uint seq);
}
