using System.Collections.Immutable;
using System.Globalization;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// The static upstream templates the gateway sends, one method per template, each enforcing the
/// template's field rules: mandatory fields present, numbers where numbers are required, times written
/// with their offset. A rule broken by the caller is an <see cref="ArgumentException"/>; the row that
/// comes back is always valid. Publish a child's rows on <see cref="SmartRestTopics.UpstreamFor"/>.
/// This part: device and inventory templates (1xx).
/// </summary>
public static partial class UpstreamRows
{
    /// <summary><c>100,[name],[type]</c>: creates the device if it is missing; safe to send on every start.</summary>
    public static SmartRestRow Device(string? name = null, string? type = null) =>
        Row("100", FieldRules.Optional(name), FieldRules.Optional(type));

    /// <summary>
    /// <c>101,childId,[name],[type],[deviceMarker]</c>: creates a child of the device whose topic it is
    /// published on. A null <paramref name="isDevice"/> leaves the marker out (Cumulocity then adds
    /// <c>c8y_IsDevice</c>).
    /// </summary>
    public static SmartRestRow ChildDevice(string childId, string? name = null, string? type = null, bool? isDevice = null) =>
        Row(
            "101",
            FieldRules.TopicLevel(childId, nameof(childId)),
            FieldRules.Optional(name),
            FieldRules.Optional(type),
            isDevice switch { true => "true", false => "false", null => string.Empty });

    /// <summary><c>110,[serialNumber],[model],[revision]</c>: <c>c8y_Hardware</c>.</summary>
    public static SmartRestRow Hardware(string? serialNumber, string? model, string? revision) =>
        Row("110", FieldRules.Optional(serialNumber), FieldRules.Optional(model), FieldRules.Optional(revision));

    /// <summary><c>113,[text]</c>: <c>c8y_Configuration</c>; line feeds are kept (the field is quoted).</summary>
    public static SmartRestRow Configuration(string? text) => Row("113", FieldRules.Optional(text));

    /// <summary><c>114,fragment…</c>: replaces the whole <c>c8y_SupportedOperations</c> list.</summary>
    public static SmartRestRow SupportedOperations(IEnumerable<string> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        var fields = ImmutableArray.CreateBuilder<string>();
        fields.Add("114");
        foreach (var fragment in fragments)
        {
            fields.Add(FieldRules.Mandatory(fragment, nameof(fragments)));
        }

        return new SmartRestRow(fields.ToImmutable());
    }

    /// <summary><c>115,[name],[version],[url]</c>: <c>c8y_Firmware</c>.</summary>
    public static SmartRestRow Firmware(string? name, string? version, string? url = null) =>
        Row("115", FieldRules.Optional(name), FieldRules.Optional(version), FieldRules.Optional(url));

    /// <summary>
    /// <c>117,minutes</c>: <c>c8y_RequiredAvailability</c>, set only when the device has none; zero or less
    /// means maintenance.
    /// </summary>
    public static SmartRestRow RequiredAvailability(int minutes) =>
        Row("117", minutes.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>122,name,version,[url],maintainer</c>: <c>c8y_Agent</c>.</summary>
    public static SmartRestRow Agent(string name, string version, string? url, string maintainer) =>
        Row(
            "122",
            FieldRules.Mandatory(name, nameof(name)),
            FieldRules.Mandatory(version, nameof(version)),
            FieldRules.Optional(url),
            FieldRules.Mandatory(maintainer, nameof(maintainer)));

    private static SmartRestRow Row(params ReadOnlySpan<string> fields) => new([.. fields]);
}
