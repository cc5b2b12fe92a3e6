using Microsoft.Extensions.Configuration;

using Gateway.Cli;

namespace Gateway.Configuration;

/// <summary>
/// Where settings come from, later ones winning: <c>appsettings.json</c> beside the executable (built-in
/// defaults), <c>/etc/gateway/gateway.json</c> (or <c>--config</c>, or <c>$GATEWAY_CONFIG</c>), environment
/// variables prefixed <c>GATEWAY_</c> (<c>GATEWAY_Mqtt__Port=1884</c>), and command-line overrides.
/// </summary>
internal static class GatewayConfiguration
{
    public const string DefaultFile = "/etc/gateway/gateway.json";
    public const string EnvironmentPrefix = "GATEWAY_";

    public static string ConfigFile(CommandLine commandLine) =>
        commandLine.ConfigFile ?? Environment.GetEnvironmentVariable(EnvironmentPrefix + "CONFIG") ?? DefaultFile;

    public static void AddSources(IConfigurationBuilder builder, CommandLine commandLine)
    {
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddJsonFile(ConfigFile(commandLine), optional: commandLine.ConfigFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(commandLine.Overrides);
    }

    /// <summary>How a person fixes a bad key: the file, or the environment variable named after it.</summary>
    public static string HowToFix(CommandLine commandLine) =>
        $"Fix: edit {ConfigFile(commandLine)}, or set the environment variable named after the key " +
        $"({EnvironmentPrefix}Section__Key, e.g. {EnvironmentPrefix}Mqtt__Port=1883), then run `gateway config check`.";
}
