namespace Gateway.Store;

/// <summary>
/// What the store persists besides records: each consumer's acknowledged positions, each device's last
/// sequence number, and each lane's next position (so positions are never reused).
/// </summary>
internal sealed class StoreState
{
    public Dictionary<string, ConsumerPosition[]> Consumers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DeviceSeq> LastSeqs { get; } = new(StringComparer.Ordinal);

    public long[] LaneHeads { get; } = new long[OutboxLanes.All.Length];

    public void SetConsumer(string name, OutboxLane lane, ConsumerPosition position)
    {
        if (!Consumers.TryGetValue(name, out var lanes))
        {
            lanes = new ConsumerPosition[OutboxLanes.All.Length];
            Consumers.Add(name, lanes);
        }

        lanes[(int)lane] = position;
    }
}

/// <summary>A consumer's acknowledged positions in one lane: all below <paramref name="Low"/>, and <paramref name="Ahead"/>.</summary>
internal readonly record struct ConsumerPosition(long Low, long[] Ahead);

/// <summary>The last telemetry record of a device: its boot and sequence number.</summary>
internal readonly record struct DeviceSeq(string BootId, uint Seq);
