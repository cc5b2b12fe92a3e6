namespace Gateway.Configuration;

/// <summary>The <c>Gateway</c> section: who this gateway is and where it keeps its data.</summary>
public sealed class GatewayOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Gateway";

    /// <summary>The gateway's id on every uplink (letters, digits, <c>-</c>, <c>_</c>; no <c>:</c>). Empty: derived from /etc/machine-id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>A display name (Cumulocity's device name). Empty: the id.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the store and state files live.</summary>
    public string DataDirectory { get; set; } = "/var/lib/gateway";
}
