using System.Globalization;
using Gateway.Core.Mapping.Local;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>The checks <see cref="UpstreamRows"/> applies to the fields of the static templates.</summary>
internal static class FieldRules
{
    /// <summary>A mandatory field: present and not blank.</summary>
    public static string Mandatory(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is mandatory and must not be empty.", name);
        }

        return value;
    }

    /// <summary>An optional field: null becomes "".</summary>
    public static string Optional(string? value) => value ?? string.Empty;

    /// <summary>A mandatory number, written as given when it follows the JSON number grammar.</summary>
    public static string Number(string? value, string name)
    {
        Mandatory(value, name);
        if (!IsNumber(value))
        {
            throw new ArgumentException($"{name} must be a decimal number such as 21.5 or -1e-3, not '{value}'.", name);
        }

        return value!;
    }

    /// <summary>A mandatory number from a double; NaN and infinities have no SmartREST form.</summary>
    public static string Number(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="text"/> is a number Cumulocity takes (JSON's grammar, a strict subset).</summary>
    public static bool IsNumber(ReadOnlySpan<char> text) => JsonNumbers.IsJsonNumber(text);

    /// <summary>An external id that is also a topic level: no <c>/</c>, <c>+</c>, <c>#</c> or control characters.</summary>
    public static string TopicLevel(string? value, string name)
    {
        Mandatory(value, name);
        if (!SmartRestTopics.IsValidChildId(value!))
        {
            throw new ArgumentException(
                $"{name} '{value}' cannot be a topic level: it must not contain '/', '+', '#' or control characters.", name);
        }

        return value!;
    }
}
