namespace Gateway.Core.Telemetry;

/// <summary>
/// Something a board produced that the gateway keeps until every uplink has delivered it: a reading or
/// an event. Immutable; uplinks map it to their own wire format.
/// </summary>
public abstract class Record
{
    private protected Record(string deviceId, string bootId, uint seq, Stamp stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(bootId);
        DeviceId = deviceId;
        BootId = bootId;
        Seq = seq;
        Stamp = stamp;
    }

    /// <summary>The device the record comes from.</summary>
    public string DeviceId { get; }

    /// <summary>The board's boot id (8 hex digits), or empty where the board has none (lenient ports).</summary>
    public string BootId { get; }

    /// <summary>The board's data sequence number within its boot (gateway-assigned on lenient ports).</summary>
    public uint Seq { get; }

    /// <summary>When the gateway received it.</summary>
    public Stamp Stamp { get; }

    /// <summary>The same record with another stamp (a corrected time, ADR 0004).</summary>
    public abstract Record WithStamp(Stamp stamp);
}
