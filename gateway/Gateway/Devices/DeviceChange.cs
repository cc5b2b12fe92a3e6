using Gateway.Core.Devices;

namespace Gateway.Devices;

/// <summary>What changed about a device.</summary>
public enum DeviceChangeKind
{
    /// <summary>New or changed metadata (a hello, a new boot, another port).</summary>
    Announced,

    /// <summary>The device is sending again.</summary>
    Online,

    /// <summary>The device is silent or its port was lost.</summary>
    Offline,
}

/// <summary>A change of a device, as uplinks see it.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Device">The device's info after the change.</param>
/// <param name="Reason">Why it went offline (empty otherwise).</param>
public sealed record DeviceChange(DeviceChangeKind Kind, DeviceInfo Device, string Reason);

/// <summary>A device as the registry knows it now.</summary>
/// <param name="Device">Its info.</param>
/// <param name="Online">Whether it is online.</param>
/// <param name="LastSeen">When it last sent anything.</param>
public sealed record DeviceSnapshot(DeviceInfo Device, bool Online, DateTimeOffset LastSeen);
