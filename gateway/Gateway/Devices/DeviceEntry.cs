using Gateway.Core.Devices;

namespace Gateway.Devices;

/// <summary>
/// One device in the registry. The serial link that owns it calls <see cref="Touch"/> for every frame;
/// everything else goes through <see cref="DeviceRegistry"/>.
/// </summary>
public sealed class DeviceEntry
{
    private readonly DeviceRegistry _registry;
    private long _lastSeenMs;

    internal DeviceEntry(DeviceRegistry registry, DeviceInfo info, long nowMs)
    {
        _registry = registry;
        Info = info;
        _lastSeenMs = nowMs;
    }

    /// <summary>The device's current info.</summary>
    public DeviceInfo Info { get; internal set; }

    /// <summary>The link the device is on, or null while it is not connected.</summary>
    public IBoardLink? Link { get; internal set; }

    /// <summary>Whether the device counts as online.</summary>
    public bool Online { get; internal set; }

    /// <summary>Monotonic milliseconds when it was last heard.</summary>
    public long LastSeenMs => Volatile.Read(ref _lastSeenMs);

    /// <summary>Records that the device was just heard; brings it back online if it was not.</summary>
    public void Touch(long nowMs)
    {
        Volatile.Write(ref _lastSeenMs, nowMs);
        if (!Online)
        {
            _registry.MarkOnline(this);
        }
    }
}
