using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Devices;
using Gateway.Hosting;
using Gateway.Logging;
using Gateway.Serial;
using Gateway.Store;
using Gateway.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Health;

/// <summary>
/// Every <c>Health:IntervalSeconds</c>, gathers what an operator needs to see (ADR 0002, health): backlog
/// depth and oldest buffered age, readings in and out per second, drops by reason, bad frames per port and
/// device, each uplink's connection state and last acknowledgement. Writes it to <c>health.json</c> in the
/// data directory (what <c>gateway status</c> reads) and hands it to the uplinks, which publish it retained.
/// </summary>
internal sealed class HealthService : BackgroundService
{
    /// <summary>The file in the data directory.</summary>
    public const string FileName = "health.json";

    private readonly IOutbox _outbox;
    private readonly UplinkStates _uplinks;
    private readonly DeviceRegistry _registry;
    private readonly SerialLinkService _serial;
    private readonly GatewayClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger<HealthService> _logger;
    private readonly string _gatewayId;
    private readonly string _path;
    private readonly TimeSpan _interval;
    private readonly long _startedMs;
    private readonly Lock _lock = new();
    private readonly List<ChannelWriter<HealthReport>> _observers = [];
    private (long Ms, long Appended, Dictionary<string, long> Acknowledged)? _previous;
    private bool _fileFailed;

    public HealthService(
        IOutbox outbox,
        UplinkStates uplinks,
        DeviceRegistry registry,
        SerialLinkService serial,
        GatewayClock clock,
        GatewayIdentityAccessor identity,
        IOptions<GatewayOptions> gateway,
        IOptions<HealthOptions> options,
        TimeProvider time,
        ILogger<HealthService> logger)
    {
        _outbox = outbox;
        _uplinks = uplinks;
        _registry = registry;
        _serial = serial;
        _clock = clock;
        _time = time;
        _logger = logger;
        _gatewayId = identity.Id;
        _path = Path.Combine(gateway.Value.DataDirectory, FileName);
        _interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        _startedMs = clock.MonotonicMs;
    }

    /// <summary>Sends every later report to <paramref name="observer"/> with <c>TryWrite</c>.</summary>
    public void Subscribe(ChannelWriter<HealthReport> observer)
    {
        lock (_lock)
        {
            _observers.Add(observer);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            var report = Build();
            Publish(report);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Makes a report now.</summary>
    internal HealthReport Build()
    {
        var now = _time.GetUtcNow();
        var nowMs = _clock.MonotonicMs;
        var stats = _outbox.GetStats();
        var uplinks = _uplinks.All;
        var seconds = _previous is { } p && nowMs > p.Ms ? (nowMs - p.Ms) / 1000.0 : 0;

        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("gateway"u8, _gatewayId);
            json.WriteString("time"u8, now.UtcDateTime);
            json.WriteBoolean("timeTrusted"u8, _clock.Now().Trusted);
            json.WriteNumber("uptimeSeconds"u8, (nowMs - _startedMs) / 1000);
            json.WriteNumber("intervalSeconds"u8, (int)_interval.TotalSeconds);

            json.WriteStartObject("store"u8);
            json.WriteNumber("appended"u8, stats.Appended);
            json.WriteNumber("readingsInPerSecond"u8, Rate(stats.Appended, _previous?.Appended, seconds));
            json.WriteNumber("bytesOnDisk"u8, stats.BytesOnDisk);
            json.WriteNumber("pending"u8, stats.Pending);
            if (stats.Refusing is { } refusing)
            {
                json.WriteString("refusing"u8, refusing);
            }

            if (stats.LastError is { } error)
            {
                json.WriteString("lastError"u8, error);
            }

            json.WriteStartObject("drops"u8);
            foreach (var (reason, count) in stats.Drops.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(reason, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("uplinks"u8);
            var acknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var uplink in uplinks)
            {
                var (connected, since, lastError) = uplink.Connection;
                var consumer = stats.Consumers.FirstOrDefault(c => c.Name == uplink.Name);
                acknowledged[uplink.Name] = uplink.Acknowledged;
                json.WriteStartObject();
                json.WriteString("name"u8, uplink.Name);
                json.WriteString("endpoint"u8, uplink.Endpoint);
                json.WriteBoolean("connected"u8, connected);
                WriteTime(json, "since"u8, since);
                if (!connected && lastError is not null)
                {
                    json.WriteString("lastError"u8, lastError);
                }

                json.WriteNumber("backlog"u8, consumer?.Backlog ?? 0);
                json.WriteNumber("oldestBufferedSeconds"u8, Math.Round(consumer?.OldestUnacknowledgedAge?.TotalSeconds ?? 0, 1));
                json.WriteNumber("published"u8, uplink.Published);
                json.WriteNumber("acknowledged"u8, uplink.Acknowledged);
                json.WriteNumber("readingsOutPerSecond"u8, Rate(uplink.Acknowledged, _previous?.Acknowledged.GetValueOrDefault(uplink.Name), seconds));
                WriteTime(json, "lastAck"u8, uplink.LastAcknowledged);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("ports"u8);
            var devices = _registry.Snapshot();
            foreach (var link in _serial.Links.OrderBy(l => l.Port.Path, StringComparer.Ordinal))
            {
                var counters = link.Counters.Snapshot();
                json.WriteStartObject();
                json.WriteString("path"u8, link.Port.Path);
                json.WriteBoolean("open"u8, link.IsOpen);
                json.WriteStartArray("devices"u8);
                foreach (var device in devices.Where(d => d.Device.Port == link.Port.Path))
                {
                    json.WriteStartObject();
                    json.WriteString("id"u8, device.Device.DeviceId);
                    json.WriteBoolean("online"u8, device.Online);
                    json.WriteString("lastSeen"u8, device.LastSeen.UtcDateTime);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("frames"u8, counters.Frames);
                json.WriteNumber("badFrames"u8, counters.Rejections);
                json.WriteStartObject("rejected"u8);
                json.WriteNumber("crc"u8, counters.Crc);
                json.WriteNumber("overlong"u8, counters.Overlong);
                json.WriteNumber("malformed"u8, counters.Malformed);
                json.WriteNumber("unknown"u8, counters.Unknown);
                json.WriteNumber("version"u8, counters.Version);
                json.WriteEndObject();
                json.WriteNumber("debugLines"u8, counters.DebugLines);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            _previous = (nowMs, stats.Appended, acknowledged);
        }

        return new HealthReport(now, buffer.WrittenMemory);
    }

    private void Publish(HealthReport report)
    {
        try
        {
            // Whole or not at all: a reader never sees half a report.
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + ".tmp";
            File.WriteAllBytes(temporary, report.Json.ToArray());
            File.Move(temporary, _path, overwrite: true);
            _fileFailed = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_fileFailed)
            {
                _fileFailed = true;
                Log.HealthFileFailed(_logger, _path, e.Message);
            }
        }

        lock (_lock)
        {
            foreach (var observer in _observers)
            {
                observer.TryWrite(report);
            }
        }
    }

    private static double Rate(long now, long? before, double seconds) =>
        before is { } b && seconds > 0 ? Math.Round((now - b) / seconds, 1) : 0;

    private static void WriteTime(Utf8JsonWriter json, ReadOnlySpan<byte> name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.UtcDateTime);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
