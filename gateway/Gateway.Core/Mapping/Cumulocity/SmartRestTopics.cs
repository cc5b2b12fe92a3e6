namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>The MQTT topics and identities of Cumulocity's SmartREST 2.0 static templates.</summary>
public static class SmartRestTopics
{
    /// <summary>Static templates from the connected device (the gateway).</summary>
    public const string Upstream = "s/us";

    /// <summary>Operations and replies for the device and all its children.</summary>
    public const string Downstream = "s/ds";

    /// <summary>Error reports; for diagnostics only, never a response channel.</summary>
    public const string Errors = "s/e";

    /// <summary>Where a device waiting for bootstrap publishes empty messages.</summary>
    public const string BootstrapRequest = "s/ucr";

    /// <summary>Where the bootstrap credentials (<c>70,…</c>) arrive.</summary>
    public const string BootstrapCredentials = "s/dcr";

    /// <summary>The user name of the bootstrap connection.</summary>
    public const string BootstrapUser = "management/devicebootstrap";

    /// <summary>The upstream topic of a child device, or of the gateway when <paramref name="childId"/> is null.</summary>
    /// <exception cref="ArgumentException">The child id cannot be a topic level.</exception>
    public static string UpstreamFor(string? childId) =>
        childId is null ? Upstream : $"{Upstream}/{FieldRules.TopicLevel(childId, nameof(childId))}";

    /// <summary>Whether <paramref name="childId"/> can address a child: non-empty, no <c>/</c>, <c>+</c>, <c>#</c> or control characters.</summary>
    public static bool IsValidChildId(string childId)
    {
        ArgumentNullException.ThrowIfNull(childId);
        if (childId.Length == 0)
        {
            return false;
        }

        foreach (var c in childId)
        {
            if (c is '/' or '+' or '#' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="deviceId"/> can be the device identifier of the MQTT client id (and a
    /// certificate's CN): not empty, no <c>:</c> (it separates <c>d:</c> and a default template X-ID),
    /// and usable as a topic level.
    /// </summary>
    public static bool IsValidDeviceIdentifier(string deviceId) =>
        IsValidChildId(deviceId) && !deviceId.Contains(':', StringComparison.Ordinal);
}
