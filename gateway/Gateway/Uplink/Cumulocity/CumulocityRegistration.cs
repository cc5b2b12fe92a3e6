using Gateway.Configuration;
using Gateway.Devices;
using Gateway.Health;
using Gateway.Hosting;
using Gateway.Operations;
using Gateway.Store;
using Gateway.Uplink.Cumulocity.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Uplink.Cumulocity;

/// <summary>Composition of the Cumulocity uplink: its options (validated at start), its operation handlers and the service.</summary>
internal static class CumulocityRegistration
{
    /// <summary>Registers the <c>Cumulocity</c> section and the uplink that uses it.</summary>
    public static IServiceCollection AddCumulocityUplink(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CumulocityOptions>().Bind(configuration.GetSection(CumulocityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CumulocityOptions>, CumulocityOptionsValidator>();
        services.AddHostedService(Create);
        return services;
    }

    private static CumulocityUplinkService Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CumulocityOptions>>().Value;
        var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Cumulocity");
        var clientId = options.ClientId.Length > 0 ? options.ClientId : services.GetRequiredService<GatewayIdentityAccessor>().Id;
        var registry = services.GetRequiredService<DeviceRegistry>();
        var boards = new BoardAccess(
            registry, services.GetRequiredService<BoardCommander>(), TimeSpan.FromSeconds(options.Operations.OfflineTimeoutSeconds), time);
        var policy = new GatewayCommandPolicy(
            options.Operations.GatewayCommandsEnabled,
            options.Operations.GatewayCommandAllowlist,
            TimeSpan.FromSeconds(options.Operations.GatewayCommandTimeoutSeconds));
        IOperationHandler[] handlers =
        [
            new RestartHandler(boards),
            new RelayHandler(boards),
            new ConfigurationHandler(boards, options.Operations.ConfigurationFile),
            new MeasurementRequestHandler(boards),
            new CommandHandler(boards, policy),
        ];
        var control = new ControlQueue();
        var journal = new OperationJournal(Path.Combine(gateway.DataDirectory, "cumulocity", "operations"));
        var dispatcher = new OperationDispatcher(handlers, journal, new OperationDeduplicator(), control, new ChildIds(clientId), boards, logger);
        var connector = new CumulocityConnector(options, clientId, gateway.DataDirectory, time, logger);
        var name = options.DeviceName.Length > 0 ? options.DeviceName : gateway.Name.Length > 0 ? gateway.Name : clientId;
        return new CumulocityUplinkService(
            options,
            connector,
            name,
            services.GetRequiredService<IOutbox>(),
            registry,
            dispatcher,
            control,
            time,
            logger,
            services.GetRequiredService<UplinkStates>(),
            services.GetRequiredService<Time.GatewayClock>());
    }
}
