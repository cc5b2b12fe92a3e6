using System.Threading.Channels;
using Gateway.Core.Devices;
using Gateway.Logging;
using Gateway.Time;
using Microsoft.Extensions.Logging;

namespace Gateway.Devices;

/// <summary>
/// The boards the gateway knows, keyed by the device id from their hello — not by port, so a board moved
/// to another USB port stays the same device. Tells every subscribed uplink what changes.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);
    private readonly List<ChannelWriter<DeviceChange>> _observers = [];
    private readonly Lock _lock = new();
    private readonly GatewayClock _clock;
    private readonly ILogger<DeviceRegistry> _logger;

    /// <summary>An empty registry.</summary>
    public DeviceRegistry(GatewayClock clock, ILogger<DeviceRegistry> logger)
    {
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Delivers every later change to <paramref name="observer"/> (an unbounded channel: changes are few).</summary>
    public void Subscribe(ChannelWriter<DeviceChange> observer)
    {
        lock (_lock)
        {
            _observers.Add(observer);
        }
    }

    /// <summary>A board said who it is on <paramref name="link"/>; it is online from now on.</summary>
    public DeviceEntry Announce(DeviceInfo info, IBoardLink link)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_lock)
        {
            var now = _clock.MonotonicMs;
            if (!_devices.TryGetValue(info.DeviceId, out var entry))
            {
                entry = new DeviceEntry(this, info, now);
                _devices.Add(info.DeviceId, entry);
            }
            else if (!string.Equals(entry.Info.Port, info.Port, StringComparison.Ordinal))
            {
                Log.DeviceMoved(_logger, info.DeviceId, entry.Info.Port, info.Port);
            }

            var changed = !entry.Info.Equals(info) || entry.Link is null;
            entry.Info = info;
            entry.Link = link;
            entry.Touch(now);
            if (changed)
            {
                Notify(new DeviceChange(DeviceChangeKind.Announced, info, string.Empty));
            }

            if (!entry.Online)
            {
                SetOnline(entry);
            }

            return entry;
        }
    }

    /// <summary>The link of a device went away; the device is offline unless it is already on another link.</summary>
    public void LinkLost(DeviceEntry entry, IBoardLink link, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (!ReferenceEquals(entry.Link, link))
            {
                return;
            }

            entry.Link = null;
            SetOffline(entry, reason);
        }
    }

    /// <summary>Marks devices offline that have been silent for longer than their allowance.</summary>
    public void CheckSilence(Func<DeviceInfo, long> allowanceMs)
    {
        ArgumentNullException.ThrowIfNull(allowanceMs);
        lock (_lock)
        {
            var now = _clock.MonotonicMs;
            foreach (var entry in _devices.Values)
            {
                if (entry.Online && now - entry.LastSeenMs > allowanceMs(entry.Info))
                {
                    SetOffline(entry, "silent");
                }
            }
        }
    }

    /// <summary>The link of a connected device.</summary>
    public bool TryGetLink(string deviceId, out IBoardLink? link)
    {
        lock (_lock)
        {
            link = _devices.TryGetValue(deviceId, out var entry) ? entry.Link : null;
            return link is not null;
        }
    }

    /// <summary>The device's info, if it is known.</summary>
    public bool TryGet(string deviceId, out DeviceSnapshot? snapshot)
    {
        lock (_lock)
        {
            snapshot = _devices.TryGetValue(deviceId, out var entry) ? SnapshotOf(entry) : null;
            return snapshot is not null;
        }
    }

    /// <summary>Every known device.</summary>
    public IReadOnlyList<DeviceSnapshot> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<DeviceSnapshot>(_devices.Count);
            foreach (var entry in _devices.Values)
            {
                list.Add(SnapshotOf(entry));
            }

            return list;
        }
    }

    internal void MarkOnline(DeviceEntry entry)
    {
        lock (_lock)
        {
            if (!entry.Online && entry.Link is not null)
            {
                SetOnline(entry);
            }
        }
    }

    private DeviceSnapshot SnapshotOf(DeviceEntry entry)
    {
        var wall = _clock.WallNow - TimeSpan.FromMilliseconds(_clock.MonotonicMs - entry.LastSeenMs);
        return new DeviceSnapshot(entry.Info, entry.Online, wall);
    }

    private void SetOnline(DeviceEntry entry)
    {
        entry.Online = true;
        Log.DeviceOnline(_logger, entry.Info.DeviceId);
        Notify(new DeviceChange(DeviceChangeKind.Online, entry.Info, string.Empty));
    }

    private void SetOffline(DeviceEntry entry, string reason)
    {
        if (!entry.Online)
        {
            return;
        }

        entry.Online = false;
        Log.DeviceOffline(_logger, entry.Info.DeviceId, reason);
        Notify(new DeviceChange(DeviceChangeKind.Offline, entry.Info, reason));
    }

    private void Notify(DeviceChange change)
    {
        foreach (var observer in _observers)
        {
            observer.TryWrite(change);
        }
    }
}
