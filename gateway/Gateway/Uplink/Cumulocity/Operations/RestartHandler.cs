using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Operations;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// <c>c8y_Restart</c>. A board is rebooted through its <c>reboot</c> command. The gateway restarts as a
/// service: the result asks the dispatcher to exit (once <c>501</c> is acknowledged) with a status systemd
/// restarts on; the journal then lets the next run report <c>503</c>.
/// </summary>
internal sealed class RestartHandler(BoardAccess boards) : IOperationHandler
{
    /// <summary>The result that tells the dispatcher to restart the gateway.</summary>
    public static readonly OperationResult RestartGateway = OperationResult.Success("restart");

    public string Fragment => "c8y_Restart";

    public bool Supports(TargetKind kind, DeviceInfo? board) => kind is TargetKind.Gateway or TargetKind.Board;

    public async Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
    {
        if (target.Kind == TargetKind.Gateway)
        {
            return RestartGateway;
        }

        var outcome = await boards.SendAsync(target.BoardId, BoardCommand.Reboot(), cancellationToken);
        return outcome.Status == CommandStatus.Ok ? OperationResult.Success() : BoardAccess.Failed("reboot", outcome);
    }
}
