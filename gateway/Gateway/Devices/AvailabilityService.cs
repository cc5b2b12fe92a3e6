using Gateway.Configuration;
using Gateway.Core.Devices;
using Gateway.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Devices;

/// <summary>
/// Marks boards offline when they fall silent: after <c>Serial:OfflineAfterIntervals</c> sample intervals
/// (at least two seconds), or after <c>Serial:SilenceTimeoutSeconds</c> for boards without a known interval.
/// </summary>
public sealed class AvailabilityService : BackgroundService
{
    private readonly DeviceRegistry _registry;
    private readonly SerialOptions _options;
    private readonly Heartbeats _heartbeats;

    /// <summary>Creates the service.</summary>
    public AvailabilityService(DeviceRegistry registry, IOptions<SerialOptions> options, Heartbeats heartbeats)
    {
        _registry = registry;
        _options = options.Value;
        _heartbeats = heartbeats;
    }

    /// <summary>How long <paramref name="device"/> may be silent before it counts as offline.</summary>
    public static long AllowanceMs(DeviceInfo device, SerialOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        return device.IntervalMs > 0
            ? Math.Max(2000L, (long)device.IntervalMs * options.OfflineAfterIntervals)
            : options.SilenceTimeoutSeconds * 1000L;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            _registry.CheckSilence(d => AllowanceMs(d, _options));
            _heartbeats.Beat("availability");
        }
    }
}
