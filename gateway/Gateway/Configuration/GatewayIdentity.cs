namespace Gateway.Configuration;

/// <summary>The gateway's id when none is configured: <c>gw-</c> and the first 12 hex digits of /etc/machine-id.</summary>
internal static class GatewayIdentity
{
    public static string Resolve(GatewayOptions options, string machineIdFile = "/etc/machine-id")
    {
        if (options.Id.Length > 0)
        {
            return options.Id;
        }

        try
        {
            var machineId = File.ReadAllText(machineIdFile).Trim();
            if (machineId.Length >= 12 && ConfigCheck.IsIdentifier(machineId))
            {
                return "gw-" + machineId[..12].ToLowerInvariant();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        var host = new string(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return "gw-" + (host.Length > 0 ? host : "gateway");
    }
}
