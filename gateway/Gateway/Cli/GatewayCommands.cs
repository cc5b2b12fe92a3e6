using System.Reflection;
using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Cli;

/// <summary>The <c>gateway</c> executable's verbs.</summary>
internal static class GatewayCommands
{
    /// <summary>Exit status for a configuration error (sysexits EX_CONFIG); systemd does not restart on it.</summary>
    public const int ConfigError = 78;

    /// <summary>Exit status for a bad command line (sysexits EX_USAGE).</summary>
    public const int UsageError = 64;

    public static string Version =>
        typeof(GatewayCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public static async Task<int> RunAsync(string[] args)
    {
        var commandLine = CommandLine.Parse(args);
        if (commandLine.Error is not null)
        {
            await Console.Error.WriteLineAsync($"gateway: {commandLine.Error}\n\n{CommandLine.Usage}");
            return UsageError;
        }

        switch (commandLine.Verb)
        {
            case "help":
                Console.WriteLine(CommandLine.Usage);
                return 0;
            case "version":
                Console.WriteLine($"gateway {Version}");
                return 0;
            case "run" or "config check" or "config show" or "status":
                return await RunHostAsync(commandLine);
            default:
                await Console.Error.WriteLineAsync($"gateway: unknown command '{commandLine.Verb}'\n\n{CommandLine.Usage}");
                return UsageError;
        }
    }

    private static async Task<int> RunHostAsync(CommandLine commandLine)
    {
        IHost host;
        try
        {
            host = GatewayHost.Build(commandLine);
            ValidateAll(host);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or InvalidDataException or FormatException or FileNotFoundException)
        {
            return await ReportConfigErrorAsync(commandLine, e);
        }

        using (host)
        {
            switch (commandLine.Verb)
            {
                case "config check":
                    Console.WriteLine($"Configuration is valid (gateway id {host.Services.GetRequiredService<GatewayIdentityAccessor>().Id}).");
                    return 0;
                case "config show":
                    ConfigPrinter.Print(host.Services, Console.Out);
                    return 0;
                case "status":
                    return StatusCommand.Run(
                        host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DataDirectory,
                        commandLine.Json,
                        DateTimeOffset.UtcNow,
                        Console.Out,
                        Console.Error);
            }

            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway");
            var gateway = host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
            Log.Starting(logger, host.Services.GetRequiredService<GatewayIdentityAccessor>().Id, Version, gateway.DataDirectory);
            try
            {
                await host.StartAsync();
                await host.WaitForShutdownAsync();
            }
            catch (Exception e) when (e is OptionsValidationException or GatewayConfigurationException)
            {
                return await ReportConfigErrorAsync(commandLine, e);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ServiceFailed(logger, e);
                return 1;
            }

            var failure = FirstFailure(host);
            if (failure is GatewayConfigurationException config)
            {
                return await ReportConfigErrorAsync(commandLine, config);
            }

            if (failure is not null)
            {
                Log.ServiceFailed(logger, failure);
                return 1;
            }

            Log.Stopping(logger);
            return 0;
        }
    }

    /// <summary>The exception that stopped a background service, if one did.</summary>
    private static Exception? FirstFailure(IHost host) =>
        host.Services.GetServices<IHostedService>()
            .OfType<BackgroundService>()
            .Select(s => s.ExecuteTask?.Exception?.GetBaseException())
            .FirstOrDefault(e => e is not null);

    /// <summary>
    /// Runs every options validator now and reports all their problems together, so a person fixes the
    /// configuration in one go rather than one key per attempt.
    /// </summary>
    private static void ValidateAll(IHost host)
    {
        var problems = new List<string>();
        Collect(problems, () => host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        Collect(problems, () => host.Services.GetRequiredService<IOptions<SerialOptions>>().Value);
        Collect(problems, () => host.Services.GetRequiredService<IOptions<MqttOptions>>().Value);
        Collect(problems, () => host.Services.GetRequiredService<IOptions<CumulocityOptions>>().Value);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("configuration", typeof(GatewayOptions), problems);
        }

        _ = host.Services.GetRequiredService<GatewayIdentityAccessor>();
    }

    private static void Collect(List<string> problems, Func<object> resolve)
    {
        try
        {
            _ = resolve();
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the value it could not convert.
            problems.Add(Expected(e.Message));
        }
    }

    /// <summary>The exception's message with the innermost cause (a JSON error's line and position).</summary>
    private static string Describe(Exception e)
    {
        var inner = e.GetBaseException();
        return ReferenceEquals(inner, e) || e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? e.Message
            : $"{e.Message} {inner.Message}";
    }

    /// <summary>Adds what a type conversion expected to the binder's message.</summary>
    private static string Expected(string message) =>
        message.Contains("'System.Int32'", StringComparison.Ordinal) || message.Contains("'System.Int64'", StringComparison.Ordinal)
            ? message + " Expected a whole number."
            : message.Contains("'System.Boolean'", StringComparison.Ordinal) ? message + " Expected true or false."
            : message.Contains("LinkMode", StringComparison.Ordinal) ? message + " Expected Framed or Lenient."
            : message;

    private static async Task<int> ReportConfigErrorAsync(CommandLine commandLine, Exception e)
    {
        var problems = e is OptionsValidationException v ? v.Failures : [Describe(e)];
        await Console.Error.WriteLineAsync($"gateway: invalid configuration ({problems.Count()} problem(s)):");
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"  {problem}");
        }

        await Console.Error.WriteLineAsync(GatewayConfiguration.HowToFix(commandLine));
        return ConfigError;
    }
}
