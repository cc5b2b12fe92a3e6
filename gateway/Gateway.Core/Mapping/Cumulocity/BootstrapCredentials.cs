namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// The device credentials Cumulocity hands out once on <c>s/dcr</c> (<c>70,tenant,user,password</c>)
/// when an operator accepts the device. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class BootstrapCredentials
{
    /// <summary>Credentials of <paramref name="user"/> in <paramref name="tenant"/>.</summary>
    public BootstrapCredentials(string tenant, string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        Tenant = tenant;
        User = user;
        Password = password;
    }

    /// <summary>The tenant id, e.g. <c>t12345</c>.</summary>
    public string Tenant { get; }

    /// <summary>The device user, e.g. <c>device_1234</c>.</summary>
    public string User { get; }

    /// <summary>The password: a secret, never logged.</summary>
    public string Password { get; }

    /// <summary>The MQTT user name: <c>&lt;tenant&gt;/&lt;user&gt;</c>.</summary>
    public string UserName => $"{Tenant}/{User}";

    /// <inheritdoc />
    public override string ToString() => $"{UserName} (password hidden)";
}
