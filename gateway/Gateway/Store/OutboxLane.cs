using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>A queue of the outbox with its own order. Cursors drain <see cref="Control"/> before <see cref="Telemetry"/>.</summary>
public enum OutboxLane
{
    /// <summary>Records that must not wait behind a telemetry backlog (alarms, operation results).</summary>
    Control = 0,

    /// <summary>Readings and board events: the bulk, in order per device.</summary>
    Telemetry = 1,
}

/// <summary>Which lane a record goes to: decided here and nowhere else.</summary>
public static class OutboxLanes
{
    /// <summary>The lanes in the order cursors read them.</summary>
    public static readonly OutboxLane[] All = [OutboxLane.Control, OutboxLane.Telemetry];

    /// <summary>Readings and board events are telemetry; every other record type is control.</summary>
    public static OutboxLane Of(Record record) => record switch
    {
        Reading or BoardEvent => OutboxLane.Telemetry,
        _ => OutboxLane.Control,
    };

    /// <summary>The lane's directory name under the store.</summary>
    public static string DirectoryName(OutboxLane lane) => lane == OutboxLane.Control ? "control" : "telemetry";
}

/// <summary>An entry id is the record's position in its lane with the lane in the two low bits.</summary>
internal static class OutboxIds
{
    private const int LaneBits = 2;

    public static long Make(OutboxLane lane, long position) => (position << LaneBits) | (long)lane;

    public static OutboxLane LaneOf(long id) => (OutboxLane)(id & ((1 << LaneBits) - 1));

    public static long PositionOf(long id) => id >> LaneBits;
}
