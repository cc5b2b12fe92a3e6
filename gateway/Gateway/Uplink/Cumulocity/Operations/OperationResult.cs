using System.Collections.Immutable;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// How an operation ended: success with what to publish before <c>503</c> (e.g. <c>113</c>, an inventory
/// update) and <c>503</c>'s parameters, or failure with a reason for <c>502</c>.
/// </summary>
internal sealed record OperationResult(bool Succeeded, string Reason, ImmutableArray<string> Parameters, ImmutableArray<StateUpdate> Updates)
{
    /// <summary>Success; <paramref name="parameters"/> go into <c>503</c> where the template applies them.</summary>
    public static OperationResult Success(params string[] parameters) => new(true, string.Empty, [.. parameters], []);

    /// <summary>Success after publishing <paramref name="updates"/> (state the device reports first).</summary>
    public static OperationResult SuccessAfter(params StateUpdate[] updates) => new(true, string.Empty, [], [.. updates]);

    /// <summary>Failure with a reason a person can act on.</summary>
    public static OperationResult Failure(string reason) => new(false, reason, [], []);
}

/// <summary>A publish that reports the device's new state before the operation succeeds.</summary>
/// <param name="Topic">Where it goes: the device's SmartREST topic, or its inventory update topic.</param>
/// <param name="Payload">The payload.</param>
internal sealed record StateUpdate(string Topic, string Payload);
