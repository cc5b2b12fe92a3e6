using Gateway.Core.Mapping.Cumulocity;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Checks the <c>Cumulocity</c> section; nothing when it is not enabled.</summary>
internal sealed class CumulocityOptionsValidator : IValidateOptions<CumulocityOptions>
{
    private static readonly string[] Severities = ["CRITICAL", "MAJOR", "MINOR", "WARNING"];

    public ValidateOptionsResult Validate(string? name, CumulocityOptions options)
    {
        var check = new ConfigCheck();
        if (!options.Enabled)
        {
            return check.Result();
        }

        if (options.Host.Length == 0 || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            check.Fail("Cumulocity:Host", options.Host, "the tenant's MQTT host name, e.g. mqtt.eu-latest.cumulocity.com or acme.cumulocity.com");
        }

        check.Range("Cumulocity:Port", options.Port, 0, 65535, " (0: 8883 with TLS, 1883 without)");
        if (options.ClientId.Length > 0 && !SmartRestTopics.IsValidDeviceIdentifier(options.ClientId))
        {
            check.Fail("Cumulocity:ClientId", options.ClientId, "a device identifier without ':', '/', '+', '#' or control characters (Cumulocity reads ':' as a separator)");
        }

        CheckAuth(check, options);
        TlsChecks.Check(check, "Cumulocity:Tls", options.Tls);
        check.Range("Cumulocity:RequiredIntervalMinutes", options.RequiredIntervalMinutes, -1, 100_000, " minutes (0 or less: maintenance)");
        check.Range("Cumulocity:ChildRequiredIntervalMinutes", options.ChildRequiredIntervalMinutes, -1, 100_000, " minutes");
        check.Range("Cumulocity:KeepAliveSeconds", options.KeepAliveSeconds, 10, 3600, " s");
        check.Range("Cumulocity:MaxInFlight", options.MaxInFlight, 1, 1000);
        check.Range("Cumulocity:ReconnectMinMs", options.ReconnectMinMs, 100, 60_000, " ms");
        check.Range("Cumulocity:ReconnectMaxMs", options.ReconnectMaxMs, options.ReconnectMinMs, 3_600_000, " ms (not below Cumulocity:ReconnectMinMs)");
        check.Range("Cumulocity:BootstrapPollSeconds", options.BootstrapPollSeconds, 1, 3600, " s");
        Mandatory(check, "Cumulocity:DeviceType", options.DeviceType, "a device type such as c8y_EdgeGateway");
        Mandatory(check, "Cumulocity:ChildType", options.ChildType, "a child device type such as c8y_ArduinoBoard");
        Mandatory(check, "Cumulocity:MeasurementType", options.MeasurementType, "a measurement type such as c8y_SensorReading");
        foreach (var (sensor, series) in options.Measurements)
        {
            Mandatory(check, $"Cumulocity:Measurements:{sensor}:Fragment", series.Fragment, "a fragment such as c8y_Temperature");
            Mandatory(check, $"Cumulocity:Measurements:{sensor}:Series", series.Series, "a series such as T");
        }

        for (var i = 0; i < options.Thresholds.Count; i++)
        {
            CheckThreshold(check, $"Cumulocity:Thresholds:{i}", options.Thresholds[i]);
        }

        CheckOperations(check, options.Operations);
        return check.Result();
    }

    private static void CheckAuth(ConfigCheck check, CumulocityOptions options)
    {
        switch (options.Auth)
        {
            case CumulocityAuth.Basic when options.Password.Length > 0:
                Mandatory(check, "Cumulocity:Tenant", options.Tenant, "the tenant id (e.g. t12345) with Cumulocity:Password");
                Mandatory(check, "Cumulocity:User", options.User, "the device user (e.g. device_gw-1) with Cumulocity:Password");
                break;
            case CumulocityAuth.Basic:
                if (options.CredentialsFile.Length == 0)
                {
                    check.Fail("Cumulocity:Password", string.Empty, "a password (with Cumulocity:Tenant and Cumulocity:User), or Cumulocity:CredentialsFile naming a file with tenant=, user= and password= lines, or Cumulocity:Auth = Bootstrap");
                }
                else
                {
                    check.ExistingFile("Cumulocity:CredentialsFile", options.CredentialsFile);
                }

                break;
            case CumulocityAuth.Certificate:
                if (!options.Tls.Enabled || options.Tls.CertFile.Length == 0 || options.Tls.KeyFile.Length == 0)
                {
                    check.Fail("Cumulocity:Tls:CertFile", options.Tls.CertFile, "with Cumulocity:Auth = Certificate: Cumulocity:Tls:Enabled = true and a PEM chain (leaf first, up to the CA uploaded to the tenant) in Cumulocity:Tls:CertFile with its key in Cumulocity:Tls:KeyFile");
                }

                break;
            case CumulocityAuth.Bootstrap:
                if (options.BootstrapPassword.Length == 0 && options.BootstrapPasswordFile.Length == 0)
                {
                    check.Fail("Cumulocity:BootstrapPasswordFile", string.Empty, "the bootstrap password of your Cumulocity instance (from its support) in a file of mode 0600, or Cumulocity:BootstrapPassword");
                }

                check.ExistingFile("Cumulocity:BootstrapPasswordFile", options.BootstrapPasswordFile);
                Mandatory(check, "Cumulocity:BootstrapUser", options.BootstrapUser, "management/devicebootstrap");
                break;
            default:
                check.Fail("Cumulocity:Auth", options.Auth, "Basic, Certificate or Bootstrap");
                break;
        }
    }

    private static void CheckThreshold(ConfigCheck check, string key, ThresholdRuleOptions rule)
    {
        Mandatory(check, $"{key}:Sensor", rule.Sensor, "the sensor name from the board's hello, e.g. temp");
        if (rule.Above.HasValue == rule.Below.HasValue)
        {
            check.Fail($"{key}:Above", rule.Above, $"exactly one of {key}:Above and {key}:Below (write two rules for both limits)");
        }

        if (rule.Above is { } above && !double.IsFinite(above))
        {
            check.Fail($"{key}:Above", above, "a finite number");
        }

        if (rule.Below is { } below && !double.IsFinite(below))
        {
            check.Fail($"{key}:Below", below, "a finite number");
        }

        if (!double.IsFinite(rule.Hysteresis) || rule.Hysteresis < 0)
        {
            check.Fail($"{key}:Hysteresis", rule.Hysteresis, "zero or a positive number in the sensor's unit");
        }

        if (Array.IndexOf(Severities, rule.Severity.ToUpperInvariant()) < 0)
        {
            check.Fail($"{key}:Severity", rule.Severity, "CRITICAL, MAJOR, MINOR or WARNING");
        }

        if (rule.Type.AsSpan().IndexOfAny(",\"\n\r") >= 0)
        {
            check.Fail($"{key}:Type", rule.Type, "an alarm type without commas, quotes or line breaks, e.g. c8y_TemperatureHigh");
        }
    }

    private static void CheckOperations(ConfigCheck check, CumulocityOperationOptions operations)
    {
        check.Range("Cumulocity:Operations:OfflineTimeoutSeconds", operations.OfflineTimeoutSeconds, 0, 86_400, " s");
        check.Range("Cumulocity:Operations:GatewayCommandTimeoutSeconds", operations.GatewayCommandTimeoutSeconds, 1, 3600, " s");
        if (operations.GatewayCommandsEnabled && operations.GatewayCommandAllowlist.Count == 0)
        {
            check.Fail("Cumulocity:Operations:GatewayCommandAllowlist", "[]", "at least one exact command line when Cumulocity:Operations:GatewayCommandsEnabled is true");
        }
    }

    private static void Mandatory(ConfigCheck check, string key, string value, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            check.Fail(key, value, expected);
        }
    }
}
