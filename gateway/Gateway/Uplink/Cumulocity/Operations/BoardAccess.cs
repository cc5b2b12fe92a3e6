using Gateway.Core.Operations;
using Gateway.Devices;
using Gateway.Operations;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// The way from an operation to a board: waits for an offline board up to the configured time, then sends
/// the command and turns its outcome into a result.
/// </summary>
internal sealed class BoardAccess
{
    private readonly DeviceRegistry _registry;
    private readonly BoardCommander _commander;
    private readonly TimeSpan _offlineTimeout;
    private readonly TimeProvider _time;

    public BoardAccess(DeviceRegistry registry, BoardCommander commander, TimeSpan offlineTimeout, TimeProvider time)
    {
        _registry = registry;
        _commander = commander;
        _offlineTimeout = offlineTimeout;
        _time = time;
    }

    /// <summary>The board's info, if it is known.</summary>
    public Core.Devices.DeviceInfo? Info(string boardId) => _registry.TryGet(boardId, out var snapshot) ? snapshot!.Device : null;

    /// <summary>Sends <paramref name="command"/> once the board is connected; an outcome either way.</summary>
    public async Task<CommandOutcome> SendAsync(string boardId, BoardCommand command, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(_offlineTimeout.TotalSeconds * _time.TimestampFrequency);
        while (!_registry.TryGetLink(boardId, out _))
        {
            if (_time.GetTimestamp() >= deadline)
            {
                return CommandOutcome.Failed(
                    CommandStatus.Offline,
                    "offline",
                    $"board {boardId} is offline; waited {_offlineTimeout.TotalSeconds:0} s (Cumulocity:Operations:OfflineTimeoutSeconds)");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken);
        }

        return await _commander.SendAsync(boardId, command, timeout: null, cancellationToken);
    }

    /// <summary>A failure result from an outcome that is not ok.</summary>
    public static OperationResult Failed(string what, CommandOutcome outcome) =>
        OperationResult.Failure(outcome.Status switch
        {
            CommandStatus.Offline => outcome.Text.Length > 0 ? outcome.Text : "the board is offline",
            CommandStatus.Timeout => $"{what}: the board did not answer in time",
            CommandStatus.Rejected => $"{what}: the board refused ({outcome.Describe()})",
            _ => $"{what}: {outcome.Describe()}",
        });
}
