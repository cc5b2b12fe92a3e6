using Gateway.Configuration;
using Gateway.Core.Operations;
using Gateway.Devices;
using Microsoft.Extensions.Options;

namespace Gateway.Operations;

/// <summary>Carries a command to the board it is for, wherever that board is plugged in now.</summary>
public sealed class BoardCommander
{
    private readonly DeviceRegistry _registry;
    private readonly TimeSpan _defaultTimeout;

    /// <summary>Creates the commander.</summary>
    public BoardCommander(DeviceRegistry registry, IOptions<SerialOptions> options)
    {
        _registry = registry;
        _defaultTimeout = TimeSpan.FromMilliseconds(options.Value.CommandTimeoutMs);
    }

    /// <summary>Sends <paramref name="command"/> to <paramref name="deviceId"/>; an absent board is an outcome, not an error.</summary>
    public Task<CommandOutcome> SendAsync(string deviceId, BoardCommand command, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (!_registry.TryGetLink(deviceId, out var link))
        {
            var known = _registry.TryGet(deviceId, out _);
            return Task.FromResult(CommandOutcome.Failed(
                CommandStatus.Offline, "offline", known ? $"device {deviceId} is not connected" : $"no device {deviceId} is known"));
        }

        return link!.SendAsync(command, timeout ?? _defaultTimeout, cancellationToken);
    }
}
