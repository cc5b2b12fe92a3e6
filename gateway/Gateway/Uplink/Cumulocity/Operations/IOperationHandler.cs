using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>Carries out one kind of operation (one fragment) for the gateway, its boards, or both.</summary>
internal interface IOperationHandler
{
    /// <summary>The fragment it handles, e.g. <c>c8y_Relay</c>.</summary>
    string Fragment { get; }

    /// <summary>Whether it handles the operation for a device of <paramref name="kind"/> (<paramref name="board"/> for boards, else null).</summary>
    bool Supports(TargetKind kind, Core.Devices.DeviceInfo? board);

    /// <summary>Carries out <paramref name="operation"/>; expected failures are a result, not an exception.</summary>
    Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken);
}
