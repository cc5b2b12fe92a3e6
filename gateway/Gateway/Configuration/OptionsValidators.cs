using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Checks the <c>Gateway</c> section.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var check = new ConfigCheck();
        check.Identifier("Gateway:Id", options.Id, allowEmpty: true);
        if (options.DataDirectory.Length == 0 || !Path.IsPathRooted(options.DataDirectory))
        {
            check.Fail("Gateway:DataDirectory", options.DataDirectory, "an absolute directory path such as /var/lib/gateway");
        }

        return check.Result();
    }
}

/// <summary>Checks the <c>Serial</c> section.</summary>
internal sealed class SerialOptionsValidator : IValidateOptions<SerialOptions>
{
    private static readonly int[] BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 921600, 1000000, 2000000];

    public ValidateOptionsResult Validate(string? name, SerialOptions options)
    {
        var check = new ConfigCheck();
        CheckBaud(check, "Serial:BaudRate", options.BaudRate);
        check.Range("Serial:MaxLineLength", options.MaxLineLength, 64, 4096, " bytes");
        check.Range("Serial:OfflineAfterIntervals", options.OfflineAfterIntervals, 1, 1000);
        check.Range("Serial:SilenceTimeoutSeconds", options.SilenceTimeoutSeconds, 1, 86_400, " s");
        check.Range("Serial:CommandTimeoutMs", options.CommandTimeoutMs, 50, 60_000, " ms");
        check.Range("Serial:HelloWaitMs", options.HelloWaitMs, 0, 60_000, " ms");
        check.Range("Serial:DiscoveryIntervalSeconds", options.DiscoveryIntervalSeconds, 1, 3600, " s");
        check.Range("Serial:ReopenMinMs", options.ReopenMinMs, 10, 60_000, " ms");
        check.Range("Serial:ReopenMaxMs", options.ReopenMaxMs, options.ReopenMinMs, 3_600_000, " ms (not below Serial:ReopenMinMs)");
        for (var i = 0; i < options.DiscoveryPatterns.Count; i++)
        {
            var pattern = options.DiscoveryPatterns[i];
            if (!Path.IsPathRooted(pattern) || Path.GetDirectoryName(pattern)!.Contains('*'))
            {
                check.Fail($"Serial:DiscoveryPatterns:{i}", pattern, "an absolute path whose file name may hold * or ?, e.g. /dev/ttyACM*");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Ports.Count; i++)
        {
            var port = options.Ports[i];
            var key = $"Serial:Ports:{i}";
            if (port.Path.Length == 0 || !Path.IsPathRooted(port.Path))
            {
                check.Fail($"{key}:Path", port.Path, "an absolute device path such as /dev/ttyACM0 or /dev/serial/by-id/…");
            }
            else if (!seen.Add(port.Path))
            {
                check.Fail($"{key}:Path", port.Path, "each port only once");
            }

            if (port.BaudRate != 0)
            {
                CheckBaud(check, $"{key}:BaudRate", port.BaudRate);
            }

            check.Identifier($"{key}:DeviceId", port.DeviceId, allowEmpty: true);
        }

        return check.Result();
    }

    private static void CheckBaud(ConfigCheck check, string key, int baud)
    {
        if (Array.IndexOf(BaudRates, baud) < 0)
        {
            check.Fail(key, baud, $"a standard baud rate ({string.Join(", ", BaudRates)})");
        }
    }
}

/// <summary>Checks the <c>Mqtt</c> section.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var check = new ConfigCheck();
        if (!options.Enabled)
        {
            return check.Result();
        }

        if (options.Host.Length == 0 || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            check.Fail("Mqtt:Host", options.Host, "a host name or IP address");
        }

        check.Range("Mqtt:Port", options.Port, 0, 65535, " (0: 1883, or 8883 with TLS)");
        check.Identifier("Mqtt:ClientId", options.ClientId, allowEmpty: true);
        if (options.TopicPrefix.Length == 0 || options.TopicPrefix.AsSpan().IndexOfAny("#+") >= 0 ||
            options.TopicPrefix.StartsWith('/') || options.TopicPrefix.EndsWith('/'))
        {
            check.Fail("Mqtt:TopicPrefix", options.TopicPrefix, "a topic without wildcards and without a leading or trailing '/'");
        }

        check.Range("Mqtt:KeepAliveSeconds", options.KeepAliveSeconds, 5, 3600, " s");
        check.Range("Mqtt:MaxInFlight", options.MaxInFlight, 1, 65_000);
        check.Range("Mqtt:ReconnectMinMs", options.ReconnectMinMs, 10, 60_000, " ms");
        check.Range("Mqtt:ReconnectMaxMs", options.ReconnectMaxMs, options.ReconnectMinMs, 3_600_000, " ms (not below Mqtt:ReconnectMinMs)");
        check.ExistingFile("Mqtt:PasswordFile", options.PasswordFile);
        if (options.PasswordFile.Length > 0 && options.Username.Length == 0)
        {
            check.Fail("Mqtt:Username", options.Username, "a user name when Mqtt:PasswordFile is set");
        }

        TlsChecks.Check(check, "Mqtt:Tls", options.Tls);
        return check.Result();
    }
}

/// <summary>Checks shared by every TLS section.</summary>
internal static class TlsChecks
{
    public static void Check(ConfigCheck check, string key, TlsOptions tls)
    {
        if (!tls.Enabled)
        {
            return;
        }

        check.ExistingFile($"{key}:CaFile", tls.CaFile);
        check.ExistingFile($"{key}:CertFile", tls.CertFile);
        check.ExistingFile($"{key}:KeyFile", tls.KeyFile);
        if ((tls.CertFile.Length == 0) != (tls.KeyFile.Length == 0))
        {
            check.Fail($"{key}:KeyFile", tls.KeyFile, $"both {key}:CertFile and {key}:KeyFile for mutual TLS, or neither");
        }
    }
}
