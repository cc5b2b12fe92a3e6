using Microsoft.Extensions.Logging;

namespace Gateway.Logging;

/// <summary>The store's messages (3xxx). Kept beside the store; the ranges are listed in Log.Host.cs.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Store opened in {Directory}: {TelemetrySegments} telemetry and {ControlSegments} control segment(s), {Consumers} consumer(s), in {ElapsedMs} ms")]
    public static partial void StoreOpened(ILogger logger, string directory, int telemetrySegments, int controlSegments, int consumers, long elapsedMs);

    [LoggerMessage(3001, LogLevel.Information, "Store in {Directory} closed; {Written} record(s) written since it opened")]
    public static partial void StoreClosed(ILogger logger, string directory, long written);

    [LoggerMessage(3002, LogLevel.Warning, "Store: {Message} (reason {Reason}, {Records} record(s))")]
    public static partial void RecordsDropped(ILogger logger, string message, string? reason, long records);

    [LoggerMessage(3003, LogLevel.Warning, "Store: {Message}")]
    public static partial void StoreRefusing(ILogger logger, string message);

    [LoggerMessage(3004, LogLevel.Information, "Store: {Message}")]
    public static partial void StoreAccepting(ILogger logger, string message);

    [LoggerMessage(3005, LogLevel.Warning, "Store repaired at start: {Message}")]
    public static partial void StoreRepaired(ILogger logger, string message);

    [LoggerMessage(3006, LogLevel.Error, "Store found corruption at start: {Message}")]
    public static partial void StoreQuarantined(ILogger logger, string message);

    [LoggerMessage(3007, LogLevel.Error, "Store state reset: {Message}")]
    public static partial void StoreStateReset(ILogger logger, string message);

    [LoggerMessage(3008, LogLevel.Error, "Store storage error: {Message}")]
    public static partial void StoreStorageError(ILogger logger, string message);

    [LoggerMessage(3009, LogLevel.Error, "Store in {Directory}: {Records} record(s) read from disk were unreadable and skipped")]
    public static partial void UnreadableWhileReading(ILogger logger, string directory, long records);

    [LoggerMessage(3010, LogLevel.Error, "Store in {Directory} stopped with {Records} record(s) not written ({Error}); they are lost")]
    public static partial void LostAtStop(ILogger logger, string directory, long records, string error);

    [LoggerMessage(3011, LogLevel.Critical, "Store in {Directory}: the writer failed and retries in a second")]
    public static partial void WriterFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(3012, LogLevel.Warning, "Store in {Directory}: consumer {Consumer} is no longer declared (active: {Active}); its position was forgotten and it no longer holds records back")]
    public static partial void ConsumerForgotten(ILogger logger, string directory, string consumer, string active);

    /// <summary>Logs a store notice at the level its kind deserves.</summary>
    public static void Notice(ILogger logger, Store.StoreNotice notice)
    {
        switch (notice.Kind)
        {
            case Store.StoreNoticeKind.Dropped:
                RecordsDropped(logger, notice.Message, notice.Reason, notice.Records);
                break;
            case Store.StoreNoticeKind.Refusing:
                StoreRefusing(logger, notice.Message);
                break;
            case Store.StoreNoticeKind.Accepting:
                StoreAccepting(logger, notice.Message);
                break;
            case Store.StoreNoticeKind.Repaired:
                StoreRepaired(logger, notice.Message);
                break;
            case Store.StoreNoticeKind.Quarantined:
                StoreQuarantined(logger, notice.Message);
                break;
            case Store.StoreNoticeKind.StateReset:
                StoreStateReset(logger, notice.Message);
                break;
            default:
                StoreStorageError(logger, notice.Message);
                break;
        }
    }
}
