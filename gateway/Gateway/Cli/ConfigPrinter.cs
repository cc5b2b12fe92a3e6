using Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Cli;

/// <summary>Prints the configuration in effect, one <c>Key = value</c> per line, secrets hidden.</summary>
internal static class ConfigPrinter
{
    public static void Print(IServiceProvider services, TextWriter output)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        output.WriteLine($"# gateway id in effect: {services.GetRequiredService<GatewayIdentityAccessor>().Id}");
        foreach (var (key, value) in configuration.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key} = {(IsSecret(key) ? "********" : value)}");
        }
    }

    private static bool IsSecret(string key) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase) && !key.EndsWith("File", StringComparison.OrdinalIgnoreCase);
}
