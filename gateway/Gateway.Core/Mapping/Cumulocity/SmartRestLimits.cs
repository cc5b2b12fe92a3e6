namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>Sizes that bound what the gateway sends to Cumulocity's MQTT endpoint.</summary>
public static class SmartRestLimits
{
    /// <summary>
    /// Largest MQTT packet Cumulocity accepts, header included. Older guides say 16,384; the current
    /// implementation page says 16,184.
    /// </summary>
    public const int MaxPacketBytes = 16_184;

    /// <summary>
    /// Largest payload the gateway puts in one publish: below <see cref="MaxPacketBytes"/> with room for the
    /// fixed header, the topic (<c>s/us/&lt;child&gt;</c>) and the packet id.
    /// </summary>
    public const int MaxPublishBytes = 16_000;

    /// <summary>Longest failure reason (502, 507), in UTF-8 bytes.</summary>
    public const int MaxFailureReasonBytes = 500;
}
