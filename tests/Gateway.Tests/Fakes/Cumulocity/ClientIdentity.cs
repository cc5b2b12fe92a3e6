namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>
/// Cumulocity's reading of an MQTT client id, <c>[d:]deviceIdentifier[:defaultTemplateXId]</c>: the
/// connection type defaults to <c>d</c>, a default X-ID needs the <c>d:</c> prefix, and the device
/// identifier (no <c>:</c>) is what makes two client ids the same device.
/// </summary>
internal sealed record ClientIdentity(string DeviceId, string? DefaultTemplateXId)
{
    public static bool TryParse(string clientId, out ClientIdentity identity, out string error)
    {
        identity = new ClientIdentity(string.Empty, null);
        var parts = clientId.Split(':');
        switch (parts.Length)
        {
            case 1 when parts[0].Length > 0:
                identity = new ClientIdentity(parts[0], null);
                break;
            case 2 when parts[0] == "d" && parts[1].Length > 0:
                identity = new ClientIdentity(parts[1], null);
                break;
            case 3 when parts[0] == "d" && parts[1].Length > 0 && parts[2].Length > 0:
                identity = new ClientIdentity(parts[1], parts[2]);
                break;
            default:
                error = clientId.Length == 0
                    ? "the client id is empty"
                    : $"client id '{clientId}' is not [d:]deviceIdentifier[:defaultTemplateXId] with no ':' in the identifier";
                return false;
        }

        error = string.Empty;
        return true;
    }
}
