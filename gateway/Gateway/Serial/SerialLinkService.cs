using Gateway.Configuration;
using Gateway.Devices;
using Gateway.Logging;
using Gateway.Store;
using Gateway.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Serial;

/// <summary>
/// Runs a <see cref="SerialLink"/> for every configured port — or, when none is configured, for every port
/// discovery finds — each independent of the others, so one bad port never stops the rest.
/// </summary>
internal sealed class SerialLinkService : BackgroundService
{
    private readonly ISerialPortOpener _opener;
    private readonly IOutbox _outbox;
    private readonly DeviceRegistry _registry;
    private readonly GatewayClock _clock;
    private readonly TimeProvider _time;
    private readonly SerialOptions _options;
    private readonly ILogger<SerialLinkService> _logger;
    private readonly Dictionary<string, (SerialLink Link, Task Task)> _links = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public SerialLinkService(
        ISerialPortOpener opener,
        IOutbox outbox,
        DeviceRegistry registry,
        GatewayClock clock,
        TimeProvider time,
        IOptions<SerialOptions> options,
        ILogger<SerialLinkService> logger)
    {
        _opener = opener;
        _outbox = outbox;
        _registry = registry;
        _clock = clock;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The links running now.</summary>
    public IReadOnlyList<SerialLink> Links
    {
        get
        {
            lock (_lock)
            {
                return _links.Values.Select(l => l.Link).ToList();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Ports.Count > 0)
        {
            foreach (var port in _options.Ports)
            {
                Start(PortSettings.From(port, _options), port.Path, stoppingToken);
            }
        }
        else
        {
            Log.DiscoveryStarted(_logger, string.Join(", ", _options.EffectiveDiscoveryPatterns));
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.DiscoveryIntervalSeconds), _time);
            do
            {
                Discover(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        Task[] tasks;
        lock (_lock)
        {
            tasks = _links.Values.Select(l => l.Task).ToArray();
        }

        await Task.WhenAll(tasks);
    }

    private void Discover(CancellationToken stoppingToken)
    {
        foreach (var (path, device) in PortDiscovery.Scan(_options.EffectiveDiscoveryPatterns))
        {
            lock (_lock)
            {
                if (_links.ContainsKey(device))
                {
                    continue;
                }
            }

            Log.PortDiscovered(_logger, path);
            Start(PortSettings.ForDiscovered(path, _options), device, stoppingToken);
        }
    }

    private void Start(PortSettings port, string key, CancellationToken stoppingToken)
    {
        var link = new SerialLink(port, _opener, _outbox, _registry, _clock, _time, _options, _logger);
        lock (_lock)
        {
            _links[key] = (link, RunAsync(link, key, stoppingToken));
        }
    }

    private async Task RunAsync(SerialLink link, string key, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await link.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_lock)
            {
                _links.Remove(key);
            }
        }
    }
}
