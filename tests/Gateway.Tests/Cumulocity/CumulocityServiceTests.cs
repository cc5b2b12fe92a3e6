using System.Globalization;
using Gateway.Configuration;
using Gateway.Core.Framing;
using Gateway.Core.Telemetry;
using Gateway.Devices;
using Gateway.Health;
using Gateway.Hosting;
using Gateway.Operations;
using Gateway.Store;
using Gateway.Tests.Fakes.Cumulocity;
using Gateway.Tests.Infrastructure;
using Gateway.Time;
using Gateway.Uplink.Cumulocity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Cumulocity;

/// <summary>The uplink service in this process, composed as the gateway composes it, against the emulator.</summary>
public sealed class CumulocityServiceTests
{
    [Fact]
    public async Task Store_notices_become_events_on_the_gateway_and_the_backlog_goes_out_many_rows_per_publish()
    {
        await using var emulator = await CumulocityEmulator.StartAsync(new CumulocityEmulatorOptions
        {
            DeviceUsers = new Dictionary<string, string> { ["device_gw-svc"] = "pw" },
        });
        using var directory = new TempDirectory();
        var outbox = new MemoryOutbox(50, [OutboxConsumers.Cumulocity]);
        for (uint seq = 1; seq <= 60; seq++)
        {
            outbox.TryAppend(Reading("B1", seq));
        }

        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Id"] = "gw-svc",
            ["Gateway:DataDirectory"] = directory.Path,
            ["Cumulocity:Enabled"] = "true",
            ["Cumulocity:Host"] = CumulocityEmulator.Host,
            ["Cumulocity:Port"] = emulator.Port.ToString(CultureInfo.InvariantCulture),
            ["Cumulocity:Tls:Enabled"] = "false",
            ["Cumulocity:Tenant"] = emulator.Tenant,
            ["Cumulocity:User"] = "device_gw-svc",
            ["Cumulocity:Password"] = "pw",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section));
        services.AddOptions<SerialOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClockSync>(new KernelClockSync(TimeProvider.System, true));
        services.AddSingleton<GatewayClock>();
        services.AddSingleton<GatewayIdentityAccessor>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<BoardCommander>();
        services.AddSingleton<IOutbox>(outbox);
        services.AddSingleton<UplinkStates>();
        services.AddCumulocityUplink(configuration);
        await using var provider = services.BuildServiceProvider();
        var uplink = Assert.Single(provider.GetServices<IHostedService>());

        await uplink.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await emulator.WaitForAsync(
                () => emulator.FindDevice("gw-svc")?.Events.Any(e => e.Type == "c8y_StoreDropped") == true, what: "the store's drop as an event");
            await emulator.WaitForAsync(() => emulator.FindDevice("gw-svc:B1")?.Measurements.Count == 50, what: "the 50 readings kept");
            Assert.True(emulator.Upstream.Count(m => m.Topic == "s/us/gw-svc:B1") <= 5, "the backlog goes out many rows per publish");
            var cursor = outbox.OpenCursor(CumulocityUplinkService.ConsumerName);
            await Eventually.TrueAsync(() => cursor.Backlog == 0, TimeSpan.FromSeconds(10), "every reading is acknowledged on its PUBACK");

            // The health report counts records, not publishes: 50 readings sent and acknowledged, and the session is up.
            var state = Assert.Single(provider.GetRequiredService<UplinkStates>().All);
            Assert.Equal((OutboxConsumers.Cumulocity, true, 50L, 50L), (state.Name, state.Connection.Connected, state.Published, state.Acknowledged));
            Assert.NotNull(state.LastAcknowledged);
            emulator.AssertNoViolations();
        }
        finally
        {
            await uplink.StopAsync(CancellationToken.None);
        }
    }

    private static Reading Reading(string device, uint seq) =>
        new(device, "0000002A", seq, new Stamp(1_700_000_000_000 + seq * 1000, seq, true), [new SensorValue("temp", 21.5, "21.5")], ["C"], checksummed: true);
}
