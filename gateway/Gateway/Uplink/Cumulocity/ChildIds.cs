namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// External ids in Cumulocity: the gateway is its client id; a board is the child
/// <c>&lt;client id&gt;:&lt;board device id&gt;</c>, unique in the tenant even if two gateways see
/// boards with equal ids (external ids are global; ':' is allowed in child ids, only not in the client id).
/// </summary>
/// <param name="GatewayId">The gateway's client id.</param>
internal sealed record ChildIds(string GatewayId)
{
    /// <summary>The child id of <paramref name="boardId"/>.</summary>
    public string For(string boardId) => $"{GatewayId}:{boardId}";

    /// <summary>The board of a child id of this gateway.</summary>
    public bool TryGetBoardId(string childId, out string boardId)
    {
        ArgumentNullException.ThrowIfNull(childId);
        var prefix = GatewayId.Length + 1;
        if (childId.Length > prefix && childId.StartsWith(GatewayId, StringComparison.Ordinal) && childId[GatewayId.Length] == ':')
        {
            boardId = childId[prefix..];
            return true;
        }

        boardId = string.Empty;
        return false;
    }
}
