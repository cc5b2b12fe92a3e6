using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>The <c>Health</c> section: how often the health report is made.</summary>
public sealed class HealthOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Health";

    /// <summary>Seconds between health reports (the retained health message and <c>health.json</c>).</summary>
    public int IntervalSeconds { get; set; } = 10;
}

/// <summary>Checks the <c>Health</c> section.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var check = new ConfigCheck();
        check.Range("Health:IntervalSeconds", options.IntervalSeconds, 1, 3600, " s");
        return check.Result();
    }
}
