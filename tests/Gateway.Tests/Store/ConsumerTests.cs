using Gateway.Configuration;
using Gateway.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>The consumers the composition declares: who holds records back, and what happens to the others.</summary>
public class ConsumerTests
{
    [Fact]
    public void An_uplink_no_longer_declared_is_forgotten_with_a_log_line_and_no_longer_holds_the_backlog()
    {
        using var directory = new TempDirectory();
        using (var store = Open(directory.Path, consumers: [OutboxConsumers.Mqtt, OutboxConsumers.Cumulocity]))
        {
            var mqtt = store.OpenCursor(OutboxConsumers.Mqtt);
            AppendAll(store, 1, 600);
            Flush(store);
            Drain(mqtt).ForEach(e => mqtt.Acknowledge(e.Id));
            Flush(store);

            // Cumulocity never read a record: every segment stays for it.
            Assert.Equal(1u, Seqs(Drain(store.OpenCursor(OutboxConsumers.Cumulocity)))[0]);
            Assert.Equal(600, store.GetStats().Consumers.Single(c => c.Name == OutboxConsumers.Cumulocity).Backlog);
        }

        var segments = SegmentFiles(directory.Path).Length;
        Assert.True(segments > 2);
        var logger = new ListLogger<SegmentOutbox>();
        using (var store = Open(directory.Path, consumers: [OutboxConsumers.Mqtt], logger: logger))
        {
            Flush(store);

            Assert.Single(SegmentFiles(directory.Path));
            Assert.Equal([OutboxConsumers.Mqtt], store.GetStats().Consumers.Select(c => c.Name));
            Assert.Contains(logger.Lines, line => line.Contains("consumer cumulocity is no longer declared", StringComparison.Ordinal));
            var error = Assert.Throws<ArgumentException>(() => store.OpenCursor(OutboxConsumers.Cumulocity));
            Assert.Contains("cumulocity", error.Message, StringComparison.Ordinal);
        }

        // Declared again, it starts at the oldest record still held, not at its old position.
        using (var store = Open(directory.Path, consumers: [OutboxConsumers.Mqtt, OutboxConsumers.Cumulocity]))
        {
            var again = Seqs(Drain(store.OpenCursor(OutboxConsumers.Cumulocity)));
            Assert.True(again[0] > 1, $"it starts at {again[0]}");
            Assert.Equal(Range(again[0], 600), again);
        }
    }

    [Fact]
    public void A_declared_uplink_holds_records_before_it_opens_its_cursor()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, consumers: ["a", "b"]);
        var a = store.OpenCursor("a");
        AppendAll(store, 1, 600);
        Flush(store);
        Drain(a).ForEach(e => a.Acknowledge(e.Id));
        Flush(store);

        Assert.Equal(600, store.GetStats().Consumers.Single(c => c.Name == "b").Backlog);
        Assert.Equal(Range(1, 600), Seqs(Drain(store.OpenCursor("b"))));
    }

    [Fact]
    public void With_no_uplink_declared_records_are_not_kept()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, consumers: []);
        AppendAll(store, 1, 600);
        Flush(store);

        var stats = store.GetStats();
        Assert.Empty(stats.Consumers);
        Assert.Single(SegmentFiles(directory.Path));
        Assert.InRange(stats.Released, 300, 599);
        Assert.Equal(0, stats.DropsFor(DropReasons.Full));
    }

    [Fact]
    public void Opening_an_undeclared_consumer_and_declaring_one_twice_are_refused()
    {
        using var directory = new TempDirectory();
        using (var store = Open(directory.Path))
        {
            Assert.Throws<ArgumentException>(() => store.OpenCursor("b"));
        }

        Assert.Throws<ArgumentException>(() => Open(directory.Path, consumers: ["a", "a"]).Dispose());
        Assert.Throws<ArgumentException>(() => new MemoryOutbox(10, ["a"]).OpenCursor("b"));
        Assert.Throws<ArgumentException>(() => new MemoryOutbox(10, [""]));
    }

    [Fact]
    public void The_memory_outbox_keeps_records_for_each_declared_uplink_and_none_without_one()
    {
        var store = new MemoryOutbox(100, ["a", "b"]);
        var a = store.OpenCursor("a");
        AppendAll(store, 1, 10);
        Drain(a).ForEach(e => a.Acknowledge(e.Id));
        Assert.Equal(Range(1, 10), Seqs(Drain(store.OpenCursor("b"))));
        Assert.Equal(0, store.GetStats().Released);

        var none = new MemoryOutbox(100, []);
        AppendAll(none, 1, 10);
        Assert.Equal(10, none.GetStats().Released);
    }

    [Theory]
    [InlineData(null, null, new[] { OutboxConsumers.Mqtt })]
    [InlineData("false", null, new string[0])]
    [InlineData("true", "true", new[] { OutboxConsumers.Mqtt, OutboxConsumers.Cumulocity })]
    [InlineData("false", "true", new[] { OutboxConsumers.Cumulocity })]
    public void The_configuration_declares_mqtt_unless_disabled_and_cumulocity_when_enabled(string? mqtt, string? cumulocity, string[] expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Enabled"] = mqtt,
            ["Cumulocity:Enabled"] = cumulocity,
        }).Build();

        Assert.Equal(expected, OutboxConsumers.Active(configuration));
    }

    [Theory]
    [InlineData("Segment")]
    [InlineData("Memory")]
    public void The_composition_creates_the_outbox_for_the_enabled_uplinks(string engine)
    {
        using var directory = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:DataDirectory"] = directory.Path,
            ["Store:Engine"] = engine,
            ["Cumulocity:Enabled"] = "true",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section));
        services.AddGatewayStore(configuration);
        using var provider = services.BuildServiceProvider();

        var outbox = provider.GetRequiredService<IOutbox>();

        Assert.Equal([OutboxConsumers.Cumulocity, OutboxConsumers.Mqtt], outbox.GetStats().Consumers.Select(c => c.Name));
        Assert.NotNull(outbox.OpenCursor(OutboxConsumers.Cumulocity));
        Assert.Throws<ArgumentException>(() => outbox.OpenCursor("other"));
    }
}

/// <summary>A logger that keeps the formatted lines.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            _lines.Add(formatter(state, exception));
        }
    }
}
