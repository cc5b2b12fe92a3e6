using System.Diagnostics.CodeAnalysis;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// The static downstream operation templates and the fragment each stands for (static rows carry no
/// fragment name). Field counts include the template id and the device id.
/// </summary>
public static class DownstreamTemplates
{
    private static readonly Dictionary<string, Template> Templates = new(StringComparer.Ordinal)
    {
        ["510"] = new("c8y_Restart", 2, 2),
        ["511"] = new("c8y_Command", 2, 3),
        ["513"] = new("c8y_Configuration", 2, 3),
        ["515"] = new("c8y_Firmware", 4, 5),
        ["516"] = new("c8y_SoftwareList", 2, int.MaxValue),
        ["517"] = new("c8y_MeasurementRequestOperation", 3, 3),
        ["518"] = new("c8y_Relay", 3, 3),
        ["519"] = new("c8y_RelayArray", 3, int.MaxValue),
        ["520"] = new("c8y_UploadConfigFile", 2, int.MaxValue),
        ["521"] = new("c8y_DownloadConfigFile", 2, int.MaxValue),
        ["522"] = new("c8y_LogfileRequest", 2, int.MaxValue),
        ["523"] = new("c8y_CommunicationMode", 2, int.MaxValue),
        ["524"] = new("c8y_DownloadConfigFile", 2, int.MaxValue),
        ["525"] = new("c8y_Firmware", 2, int.MaxValue),
        ["526"] = new("c8y_UploadConfigFile", 2, int.MaxValue),
        ["527"] = new("c8y_DeviceProfile", 2, int.MaxValue),
        ["528"] = new("c8y_SoftwareUpdate", 2, int.MaxValue),
        ["529"] = new("c8y_SoftwareUpdate", 2, int.MaxValue),
        ["530"] = new("c8y_RemoteAccessConnect", 2, int.MaxValue),
    };

    /// <summary>The fragment of an operation template, e.g. <c>c8y_Restart</c> for <c>510</c>.</summary>
    public static bool TryGetFragment(string templateId, [NotNullWhen(true)] out string? fragment)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        fragment = Templates.TryGetValue(templateId, out var template) ? template.Fragment : null;
        return fragment is not null;
    }

    /// <summary>The fewest and most fields a row of <paramref name="templateId"/> may have.</summary>
    internal static bool TryGetFieldBounds(string templateId, out string fragment, out int min, out int max)
    {
        if (Templates.TryGetValue(templateId, out var template))
        {
            (fragment, min, max) = (template.Fragment, template.MinFields, template.MaxFields);
            return true;
        }

        (fragment, min, max) = (string.Empty, 0, 0);
        return false;
    }

    private sealed record Template(string Fragment, int MinFields, int MaxFields);
}
