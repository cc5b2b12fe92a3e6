using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>
/// Collects configuration problems, each naming the key, the value found and what is expected, so
/// that a bad setting stops the service with a message a person can act on.
/// </summary>
internal sealed class ConfigCheck
{
    private readonly List<string> _problems = [];

    public void Fail(string key, object? value, string expected) =>
        _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = '{value}': expected {expected}."));

    public void Range(string key, int value, int min, int max, string unit = "")
    {
        if (value < min || value > max)
        {
            Fail(key, value, $"a whole number from {min} to {max}{unit}");
        }
    }

    public void Identifier(string key, string value, bool allowEmpty)
    {
        if (value.Length == 0 && allowEmpty)
        {
            return;
        }

        if (!IsIdentifier(value))
        {
            Fail(key, value, "1–64 letters, digits, '-' or '_' (no ':' or '/')");
        }
    }

    public void ExistingFile(string key, string path)
    {
        if (path.Length > 0 && !File.Exists(path))
        {
            Fail(key, path, "a readable file that exists");
        }
    }

    public ValidateOptionsResult Result() =>
        _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);

    internal static bool IsIdentifier(string value)
    {
        if (value.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
