using System.Globalization;
using Gateway.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Gateway.Health;

/// <summary>
/// Feeds systemd's watchdog (<c>WatchdogSec=</c> in the unit) at half its interval, but only while every
/// loop registered with <see cref="Heartbeats"/> is moving. Does nothing outside systemd.
/// </summary>
internal sealed class WatchdogService : BackgroundService
{
    private static readonly ServiceState Watchdog = new("WATCHDOG=1");
    private readonly ISystemdNotifier _notifier;
    private readonly Heartbeats _heartbeats;
    private readonly TimeProvider _time;
    private readonly ILogger<WatchdogService> _logger;

    public WatchdogService(ISystemdNotifier notifier, Heartbeats heartbeats, TimeProvider time, ILogger<WatchdogService> logger)
    {
        _notifier = notifier;
        _heartbeats = heartbeats;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (!_notifier.IsEnabled || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromTicks(microseconds * 10);
        using var timer = new PeriodicTimer(interval / 2, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var stale = _heartbeats.Stale(interval);
            if (stale.Count == 0)
            {
                _notifier.Notify(Watchdog);
            }
            else
            {
                Log.WatchdogWithheld(_logger, string.Join(", ", stale));
            }
        }
    }
}
