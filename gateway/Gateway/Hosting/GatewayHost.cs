using Gateway.Cli;
using Gateway.Configuration;
using Gateway.Devices;
using Gateway.Health;
using Gateway.Operations;
using Gateway.Serial;
using Gateway.Store;
using Gateway.Time;
using Gateway.Uplink.Cumulocity;
using Gateway.Uplink.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Composition: which services make up the gateway. Nothing here does work.</summary>
internal static class GatewayHost
{
    public static IHost Build(CommandLine commandLine)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        GatewayConfiguration.AddSources(builder.Configuration, commandLine);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.AddSystemd();

        // AddSystemd registers the notifier only under systemd; the watchdog asks it whether it is enabled.
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.Configure<HostOptions>(o =>
        {
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });

        var configuration = builder.Configuration;
        builder.Services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddOptions<SerialOptions>().Bind(configuration.GetSection(SerialOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SerialOptions>, SerialOptionsValidator>();
        builder.Services.AddOptions<MqttOptions>().Bind(configuration.GetSection(MqttOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        builder.Services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClockSync>(sp => new KernelClockSync(
            sp.GetRequiredService<TimeProvider>(), builder.Configuration.GetValue("Clock:AssumeSynchronized", false)));
        services.AddSingleton<GatewayClock>();
        services.AddSingleton<Heartbeats>();
        services.AddHostedService<WatchdogService>();
        services.AddSingleton<GatewayIdentityAccessor>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<BoardCommander>();
        services.AddSingleton<ISerialPortOpener, TtyOpener>();
        services.AddGatewayStore(configuration);
        services.AddSingleton<UplinkStates>();
        services.AddSingleton<SerialLinkService>();
        services.AddHostedService(sp => sp.GetRequiredService<SerialLinkService>());
        services.AddHostedService<AvailabilityService>();
        services.AddSingleton<HealthService>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthService>());
        if (builder.Configuration.GetValue($"{MqttOptions.Section}:Enabled", true))
        {
            services.AddHostedService<MqttUplinkService>();
        }

        if (configuration.GetValue($"{CumulocityOptions.Section}:Enabled", false))
        {
            services.AddCumulocityUplink(configuration);
        }

        return builder.Build();
    }
}
