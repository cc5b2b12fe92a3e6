namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>How a <see cref="CumulocityEmulator"/> is set up.</summary>
public sealed class CumulocityEmulatorOptions
{
    /// <summary>The tenant id, the first part of every user name.</summary>
    public string Tenant { get; init; } = "t100200";

    /// <summary>The password of <c>management/devicebootstrap</c>.</summary>
    public string BootstrapPassword { get; init; } = "bootstrap-secret";

    /// <summary>Device users and their passwords (user without the tenant).</summary>
    public IReadOnlyDictionary<string, string> DeviceUsers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Also listen with TLS (server certificate from the emulator's CA, client certificates optional).</summary>
    public bool EnableTls { get; init; }

    /// <summary>
    /// Push PENDING operations when a device subscribes to <c>s/ds</c>. Off by default: devices are seen
    /// to miss them after an outage unless they send <c>500</c>, and the emulator holds them to that.
    /// </summary>
    public bool PushPendingOnSubscribe { get; init; }

    /// <summary>The plain MQTT port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How long <see cref="CumulocityEmulator.WaitForAsync"/> waits when no timeout is given.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
