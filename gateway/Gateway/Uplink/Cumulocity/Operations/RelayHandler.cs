using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Operations;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// <c>c8y_Relay</c> for a board: switches its relay output (the output named <c>relay</c>, else its first
/// output) with the set-output command, then reports <c>c8y_Relay.relayState</c> before <c>503</c>.
/// </summary>
internal sealed class RelayHandler(BoardAccess boards) : IOperationHandler
{
    public string Fragment => "c8y_Relay";

    public bool Supports(TargetKind kind, DeviceInfo? board) => kind == TargetKind.Board && (board is null || !board.Outputs.IsEmpty);

    /// <summary>The pin of the board's relay: the output named <c>relay</c>, else the first output.</summary>
    public static uint? RelayPin(DeviceInfo? board)
    {
        if (board is null || board.Outputs.IsEmpty)
        {
            return null;
        }

        foreach (var output in board.Outputs)
        {
            if (string.Equals(output.Name, "relay", StringComparison.OrdinalIgnoreCase))
            {
                return output.Pin;
            }
        }

        return board.Outputs[0].Pin;
    }

    public async Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
    {
        var relay = (RelayOperation)operation;
        if (RelayPin(boards.Info(target.BoardId)) is not { } pin)
        {
            return OperationResult.Failure($"board {target.BoardId} has no digital output to switch (or has never said hello)");
        }

        var command = BoardCommand.Output(pin, relay.State == RelayState.Closed);
        var outcome = await boards.SendAsync(target.BoardId, command, cancellationToken);
        if (outcome.Status != CommandStatus.Ok)
        {
            return BoardAccess.Failed($"relay on pin {pin}", outcome);
        }

        var state = RelayStates.ToText(relay.State);
        return OperationResult.SuccessAfter(new StateUpdate(
            $"inventory/managedObjects/update/{target.ExternalId}", "{\"c8y_Relay\":{\"relayState\":\"" + state + "\"}}"));
    }
}
