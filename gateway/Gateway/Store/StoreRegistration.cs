using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Store;

/// <summary>Composition of the store: the <c>Store</c> section, its validation, and the <see cref="IOutbox"/> it selects.</summary>
internal static class StoreRegistration
{
    /// <summary>Registers <see cref="StoreOptions"/> (validated at start) and the <see cref="IOutbox"/> singleton.</summary>
    public static IServiceCollection AddGatewayStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton(CreateOutbox);
        return services;
    }

    /// <summary>
    /// The outbox <c>Store:Engine</c> names: the segment log in <c>Store:Directory</c> (default
    /// <c>&lt;Gateway:DataDirectory&gt;/store</c>), recovered before this returns, or the in-memory outbox; either
    /// for the uplinks the configuration enables (<see cref="OutboxConsumers.Active"/>).
    /// </summary>
    public static IOutbox CreateOutbox(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var consumers = OutboxConsumers.Active(services.GetRequiredService<IConfiguration>());
        if (options.Engine == StoreEngine.Memory)
        {
            return new MemoryOutbox(options.MemoryCapacity, consumers, time, services.GetRequiredService<ILogger<MemoryOutbox>>());
        }

        var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        return new SegmentOutbox(options.ResolveDirectory(gateway.DataDirectory), options, consumers, time, services.GetRequiredService<ILogger<SegmentOutbox>>());
    }
}
