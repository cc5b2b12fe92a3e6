using Gateway.Configuration;

namespace Gateway.Tests.Cumulocity;

public class CumulocityOptionsTests
{
    private static CumulocityOptions Valid() => new()
    {
        Enabled = true,
        Host = "mqtt.eu-latest.cumulocity.com",
        Tenant = "t12345",
        User = "device_gw-1",
        Password = "secret",
    };

    [Fact]
    public void Disabled_is_not_checked() =>
        Assert.True(new CumulocityOptionsValidator().Validate(null, new CumulocityOptions { Host = "" }).Succeeded);

    [Fact]
    public void Basic_authentication_with_a_password_is_valid() =>
        Assert.True(new CumulocityOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Each_problem_names_the_key_the_value_and_what_is_expected()
    {
        var options = Valid();
        options.Host = "";
        options.ClientId = "d:gw-1";
        options.Tenant = "";
        options.ReconnectMaxMs = 10;
        options.Thresholds.Add(new ThresholdRuleOptions { Sensor = "temp", Above = 40, Below = 2, Severity = "LOUD", Hysteresis = -1 });
        options.Operations.GatewayCommandsEnabled = true;

        var failures = new CumulocityOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Cumulocity:Host = '': expected the tenant's MQTT host name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:ClientId = 'd:gw-1': expected a device identifier without ':'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:Tenant = '': expected the tenant id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:ReconnectMaxMs = '10'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:Thresholds:0:Above = '40': expected exactly one of", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:Thresholds:0:Severity = 'LOUD': expected CRITICAL, MAJOR, MINOR or WARNING", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:Thresholds:0:Hysteresis = '-1'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cumulocity:Operations:GatewayCommandAllowlist = '[]'", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_authentication_needs_its_own_settings()
    {
        var noPassword = Valid();
        noPassword.Password = "";
        Assert.Contains("Cumulocity:CredentialsFile", Assert.Single(new CumulocityOptionsValidator().Validate(null, noPassword).Failures!), StringComparison.Ordinal);

        var certificate = Valid();
        certificate.Auth = CumulocityAuth.Certificate;
        Assert.StartsWith("Cumulocity:Tls:CertFile = ''", Assert.Single(new CumulocityOptionsValidator().Validate(null, certificate).Failures!), StringComparison.Ordinal);

        var bootstrap = Valid();
        bootstrap.Auth = CumulocityAuth.Bootstrap;
        Assert.StartsWith("Cumulocity:BootstrapPasswordFile = ''", Assert.Single(new CumulocityOptionsValidator().Validate(null, bootstrap).Failures!), StringComparison.Ordinal);
    }
}
