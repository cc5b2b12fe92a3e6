namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>What a field of an upstream static template must hold.</summary>
internal enum FieldKind
{
    Text,
    Number,
    Integer,
    Time,
    Boolean,
    Severity,
}

/// <summary>One field of a template: its name, whether it is mandatory, what it holds.</summary>
internal sealed record FieldRule(string Name, bool Mandatory, FieldKind Kind);

/// <summary>
/// The rules of one upstream static template: fixed fields, then optionally a group that repeats
/// (the last repetition may leave trailing optional fields out).
/// </summary>
internal sealed record TemplateRule(string Id, FieldRule[] Fixed, FieldRule[] Repeated, int MinRepeats)
{
    public int MaxFields => Repeated.Length == 0 ? Fixed.Length : int.MaxValue;
}

/// <summary>The upstream static templates of Cumulocity's SmartREST 2.0 (reference §3).</summary>
internal static class UpstreamTemplateRules
{
    private static readonly FieldRule[] None = [];

    public static readonly IReadOnlyDictionary<string, TemplateRule> All = Build();

    private static Dictionary<string, TemplateRule> Build()
    {
        var rules = new Dictionary<string, TemplateRule>(StringComparer.Ordinal);
        void Add(string id, FieldRule[] fixedFields, FieldRule[]? repeated = null, int minRepeats = 0) =>
            rules.Add(id, new TemplateRule(id, fixedFields, repeated ?? None, minRepeats));

        Add("100", [O("name"), O("type")]);
        Add("101", [M("childId"), O("name"), O("type"), O("deviceMarker")]);
        Add("102", [M("serviceExternalId"), M("serviceType"), M("serviceName"), M("status")]);
        Add("104", [M("status")]);
        Add("105", None);
        Add("107", None, [M("fragment")], 1);
        Add("110", [O("serialNumber"), O("model"), O("revision")]);
        Add("111", [O("imei"), O("iccid"), O("imsi"), O("mcc"), O("mnc"), O("lac"), O("cellId")]);
        Add("112", [O("lat", FieldKind.Number), O("lng", FieldKind.Number), O("alt", FieldKind.Number), O("accuracy", FieldKind.Integer)]);
        Add("113", [O("configuration")]);
        Add("114", None, [M("operation")]);
        Add("115", [O("name"), O("version"), O("url")]);
        Add("116", None, [M("name"), O("version"), O("url")]);
        Add("117", [O("interval", FieldKind.Integer)]);
        Add("118", None, [M("logType")]);
        Add("119", None, [M("configType")]);
        Add("120", [M("type"), M("url"), O("fileName"), O("time", FieldKind.Time)]);
        Add("121", [M("profileExecuted", FieldKind.Boolean), O("profileId")]);
        Add("122", [M("name"), M("version"), O("url"), M("maintainer")]);
        Add("123", None);
        Add("125", None);
        // The table marks the version mandatory, but thin-edge.io sends '140,a,,debian,' and Cumulocity takes it.
        Add("140", None, [M("name"), O("version"), O("type"), O("url")], 1);
        Add("141", None, [M("name"), O("version"), O("type"), O("url")], 1);
        Add("142", None, [M("name"), M("version")], 1);
        Add("143", None, [M("softwareType")]);
        Add("150", None, [M("protocol")]);
        Add("200", [M("fragment"), M("series"), M("value", FieldKind.Number), O("unit"), O("time", FieldKind.Time)]);
        Add("201", [M("type"), O("time", FieldKind.Time)], [M("fragment"), M("series"), M("value", FieldKind.Number), O("unit")], 1);
        Add("210", [O("rssi", FieldKind.Number), O("ber", FieldKind.Number), O("time", FieldKind.Time)]);
        Add("211", [M("temperature", FieldKind.Number), O("time", FieldKind.Time)]);
        Add("212", [M("battery", FieldKind.Number), O("time", FieldKind.Time)]);
        foreach (var alarm in new[] { "301", "302", "303", "304" })
        {
            Add(alarm, [M("type"), O("text"), O("time", FieldKind.Time)]);
        }

        Add("305", [M("type"), M("severity", FieldKind.Severity)]);
        Add("306", [M("type")]);
        Add("307", [M("alarmType")], [M("fragment")], 1);
        Add("400", [M("type"), M("text"), O("time", FieldKind.Time)]);
        Add("401", [O("lat", FieldKind.Number), O("lng", FieldKind.Number), O("alt", FieldKind.Number), O("accuracy", FieldKind.Number), O("time", FieldKind.Time)]);
        Add("402", [O("lat", FieldKind.Number), O("lng", FieldKind.Number), O("alt", FieldKind.Number), O("accuracy", FieldKind.Number), O("time", FieldKind.Time)]);
        Add("407", [M("eventType")], [O("fragment")]);
        Add("408", [O("text"), O("time", FieldKind.Time), O("changeDetect", FieldKind.Boolean)], [M("path"), M("type"), O("value")]);
        Add("500", None);
        Add("501", [M("fragment")]);
        Add("502", [M("fragment"), O("failureReason")]);
        Add("503", [M("fragment")], [O("parameter")]);
        Add("504", [M("operationId", FieldKind.Integer)]);
        Add("505", [M("operationId", FieldKind.Integer), O("failureReason")]);
        Add("506", [M("operationId", FieldKind.Integer)], [O("parameter")]);
        Add("507", [O("fragment"), O("failureReason")]);
        Add("600", None);
        Add("602", None);
        return rules;
    }

    private static FieldRule M(string name, FieldKind kind = FieldKind.Text) => new(name, true, kind);

    private static FieldRule O(string name, FieldKind kind = FieldKind.Text) => new(name, false, kind);
}
