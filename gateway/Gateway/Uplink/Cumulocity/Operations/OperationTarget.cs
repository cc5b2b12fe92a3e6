using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>Whom an operation is for.</summary>
internal enum TargetKind
{
    /// <summary>The gateway itself.</summary>
    Gateway,

    /// <summary>One of its boards.</summary>
    Board,

    /// <summary>A device the gateway does not represent.</summary>
    Unknown,
}

/// <summary>
/// The device an operation is for: the gateway (its client id) or a board (a child id, <c>&lt;client
/// id&gt;:&lt;board id&gt;</c>), and the topic its status rows go on: <c>s/us</c> for the gateway,
/// <c>s/us/&lt;child id&gt;</c> for a child. Pure.
/// </summary>
/// <param name="Kind">Gateway, board or unknown.</param>
/// <param name="ExternalId">The device's external id, as in the operation row.</param>
/// <param name="BoardId">The board's device id (empty unless <see cref="TargetKind.Board"/>).</param>
internal sealed record OperationTarget(TargetKind Kind, string ExternalId, string BoardId)
{
    /// <summary>Where the status rows of operations for this device go.</summary>
    public string StatusTopic => Kind == TargetKind.Gateway ? SmartRestTopics.Upstream : SmartRestTopics.UpstreamFor(ExternalId);

    /// <summary>Resolves <paramref name="externalId"/> against the gateway's child ids.</summary>
    public static OperationTarget Resolve(string externalId, ChildIds ids)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentNullException.ThrowIfNull(ids);
        if (string.Equals(externalId, ids.GatewayId, StringComparison.Ordinal))
        {
            return new OperationTarget(TargetKind.Gateway, externalId, string.Empty);
        }

        return ids.TryGetBoardId(externalId, out var board)
            ? new OperationTarget(TargetKind.Board, externalId, board)
            : new OperationTarget(TargetKind.Unknown, externalId, string.Empty);
    }
}
