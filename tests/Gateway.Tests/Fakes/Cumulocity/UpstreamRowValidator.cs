using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>Checks one upstream row against <see cref="UpstreamTemplateRules"/>; a broken rule gives an <c>s/e</c> code and message.</summary>
internal static partial class UpstreamRowValidator
{
    public static bool TryValidate(string[] fields, out int code, out string message)
    {
        (code, message) = (0, string.Empty);
        if (!UpstreamTemplateRules.All.TryGetValue(fields[0], out var rule))
        {
            (code, message) = (41, $"No static template with id '{fields[0]}'");
            return false;
        }

        var values = fields.AsSpan(1);
        if (values.Length > rule.MaxFields)
        {
            (code, message) = (45, $"Too many fields: template {rule.Id} takes at most {rule.MaxFields}, got {values.Length}");
            return false;
        }

        for (var i = 0; i < rule.Fixed.Length; i++)
        {
            if (!Check(rule.Fixed[i], i < values.Length ? values[i] : string.Empty, i + 2, out message))
            {
                code = 45;
                return false;
            }
        }

        if (rule.Repeated.Length > 0)
        {
            var rest = values.Length > rule.Fixed.Length ? values[rule.Fixed.Length..] : [];
            var groups = (rest.Length + rule.Repeated.Length - 1) / rule.Repeated.Length;
            if (groups < rule.MinRepeats)
            {
                (code, message) = (45, $"Template {rule.Id} needs at least {rule.MinRepeats} group(s) of {string.Join(',', rule.Repeated.Select(r => r.Name))}");
                return false;
            }

            for (var g = 0; g < groups; g++)
            {
                for (var j = 0; j < rule.Repeated.Length; j++)
                {
                    var at = (g * rule.Repeated.Length) + j;
                    if (!Check(rule.Repeated[j], at < rest.Length ? rest[at] : string.Empty, rule.Fixed.Length + at + 2, out message))
                    {
                        code = 45;
                        return false;
                    }
                }
            }
        }

        if (rule.Id == "210" && FieldOrEmpty(values, 0).Length == 0 && FieldOrEmpty(values, 1).Length == 0)
        {
            (code, message) = (45, "Template 210 needs rssi or ber");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses an ISO-8601 time with an offset: seconds required, up to nanoseconds (cut to 100 ns),
    /// <c>Z</c>, <c>+hh:mm</c> or <c>+hhmm</c>.
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        var zone = match.Groups["zone"].Value;
        zone = zone == "Z" ? "+00:00" : zone.Length == 5 ? zone[..3] + ":" + zone[3..] : zone;
        var normalized = match.Groups["main"].Value + (fraction.Length > 0 ? "." + fraction[..Math.Min(7, fraction.Length)] : string.Empty) + zone;
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>A time field: null when empty (server time).</summary>
    public static DateTimeOffset? TimeOrNull(string text) => TryParseTime(text, out var time) ? time : null;

    public static bool IsNumber(string text) => NumberPattern().IsMatch(text);

    private static bool Check(FieldRule rule, string value, int position, out string message)
    {
        message = string.Empty;
        if (value.Length == 0)
        {
            if (rule.Mandatory)
            {
                message = $"Mandatory field {position} ({rule.Name}) is missing";
                return false;
            }

            return true;
        }

        var ok = rule.Kind switch
        {
            FieldKind.Number => IsNumber(value),
            FieldKind.Integer => IntegerPattern().IsMatch(value),
            FieldKind.Time => TryParseTime(value, out _),
            FieldKind.Boolean => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase),
            FieldKind.Severity => value is "CRITICAL" or "MAJOR" or "MINOR" or "WARNING",
            _ => true,
        };
        if (!ok)
        {
            message = $"Field {position} ({rule.Name}) must be {Describe(rule.Kind)}, not '{value}'";
        }

        return ok;
    }

    private static string FieldOrEmpty(ReadOnlySpan<string> values, int index) => index < values.Length ? values[index] : string.Empty;

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Number => "a number",
        FieldKind.Integer => "an integer",
        FieldKind.Time => "an ISO-8601 time with an offset",
        FieldKind.Boolean => "true or false",
        FieldKind.Severity => "CRITICAL, MAJOR, MINOR or WARNING",
        _ => "text",
    };

    [GeneratedRegex(@"^(?<main>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.(?<fraction>\d{1,9}))?(?<zone>Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerPattern();
}
