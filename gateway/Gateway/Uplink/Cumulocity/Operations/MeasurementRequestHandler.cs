using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Operations;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary><c>c8y_MeasurementRequestOperation</c> for a board: it sends a reading now (the <c>read</c> command).</summary>
internal sealed class MeasurementRequestHandler(BoardAccess boards) : IOperationHandler
{
    public string Fragment => "c8y_MeasurementRequestOperation";

    public bool Supports(TargetKind kind, DeviceInfo? board) => kind == TargetKind.Board;

    public async Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
    {
        var outcome = await boards.SendAsync(target.BoardId, BoardCommand.ReadNow(), cancellationToken);
        return outcome.Status == CommandStatus.Ok ? OperationResult.Success() : BoardAccess.Failed("read", outcome);
    }
}
