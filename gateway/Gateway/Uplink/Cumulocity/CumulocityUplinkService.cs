using System.Text;
using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Resilience;
using Gateway.Devices;
using Gateway.Health;
using Gateway.Logging;
using Gateway.Store;
using Gateway.Uplink.Cumulocity.Operations;
using Gateway.Uplink.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// The Cumulocity IoT uplink: one MQTT 3.1.1 connection (clean session, client id = the gateway's
/// device id) kept up with capped decorrelated-jitter backoff reset on CONNACK. On every connect it
/// registers the gateway and each board as a child, subscribes <c>s/ds</c> and <c>s/e</c> and sends
/// <c>500</c>; then it forwards the outbox (readings as measurements, board events, threshold alarms),
/// control traffic (operation status, availability and store events) and carries out operations. A
/// broken connection is not an error: everything waits for the next one.
/// </summary>
internal sealed partial class CumulocityUplinkService : BackgroundService
{
    /// <summary>The outbox consumer name of this uplink.</summary>
    public const string ConsumerName = OutboxConsumers.Cumulocity;

    /// <summary>A session that lasts this long resets the backoff of short sessions.</summary>
    private static readonly TimeSpan StableSession = TimeSpan.FromSeconds(30);

    private readonly CumulocityOptions _options;
    private readonly CumulocityConnector _connector;
    private readonly ChildIds _ids;
    private readonly IOutbox _outbox;
    private readonly DeviceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Time.GatewayClock? _clock;
    private readonly ILogger _logger;
    private readonly ControlQueue _control;
    private readonly OperationDispatcher _dispatcher;
    private readonly ThresholdTracker _thresholds;
    private readonly MeasurementMapper _mapper;
    private readonly string _deviceName;
    private readonly UplinkState _state;
    private readonly Channel<DeviceChange> _changes = Channel.CreateUnbounded<DeviceChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<StoreNotice> _notices = Channel.CreateBounded<StoreNotice>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    private MqttLink? _link;

    public CumulocityUplinkService(
        CumulocityOptions options,
        CumulocityConnector connector,
        string deviceName,
        IOutbox outbox,
        DeviceRegistry registry,
        OperationDispatcher dispatcher,
        ControlQueue control,
        TimeProvider time,
        ILogger logger,
        UplinkStates states,
        Time.GatewayClock? clock = null)
    {
        _options = options;
        _connector = connector;
        _ids = new ChildIds(connector.ClientId);
        _deviceName = deviceName;
        _outbox = outbox;
        _registry = registry;
        _dispatcher = dispatcher;
        _control = control;
        _time = time;
        _clock = clock;
        _logger = logger;
        _state = states.Register(ConsumerName, connector.Endpoint);
        _thresholds = new ThresholdTracker(options.Thresholds.Select(ThresholdRule.From));
        _mapper = new MeasurementMapper(
            options.Measurements.ToDictionary(
                m => m.Key,
                m => new MeasurementTarget(m.Value.Fragment, m.Value.Series, m.Value.Unit.Length > 0 ? m.Value.Unit : null),
                StringComparer.OrdinalIgnoreCase),
            options.MeasurementType);
        registry.Subscribe(_changes.Writer);
        outbox.Subscribe(_notices.Writer);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _connector.Validate();
        var cursor = _outbox.OpenCursor(ConsumerName);
        _dispatcher.CloseInterrupted();
        using var background = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var operations = _dispatcher.RunAsync(background.Token);
        var events = PumpEventsAsync(background.Token);
        var restart = _dispatcher.RestartRequested;
        var backoff = new Backoff(TimeSpan.FromMilliseconds(_options.ReconnectMinMs), TimeSpan.FromMilliseconds(_options.ReconnectMaxMs));

        // Cumulocity drops a client over its rate limit right after it connects, again and again: a session
        // that ends soon after its CONNACK keeps backing off instead of starting from the base delay.
        var flapping = new Backoff(TimeSpan.FromMilliseconds(_options.ReconnectMinMs), TimeSpan.FromMilliseconds(_options.ReconnectMaxMs));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    _link = await _connector.ConnectAsync(new SessionObserver(this), stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && MqttLink.IsLinkFailure(e))
                {
                    _state.Disconnected(e.Message);
                    var delay = backoff.Next();
                    if (e is MqttConnectRefusedException refused)
                    {
                        Log.CumulocityRefused(_logger, _connector.Endpoint, _connector.ClientId, refused.Reason, (long)delay.TotalMilliseconds);
                    }
                    else
                    {
                        Log.CumulocityConnectFailed(_logger, _connector.Endpoint, e.Message, (long)delay.TotalMilliseconds);
                    }

                    await Task.Delay(delay, _time, stoppingToken);
                    continue;
                }

                backoff.Reset();
                _state.Connected();
                var connectedAt = _time.GetTimestamp();
                Log.CumulocityConnected(_logger, _connector.Endpoint, _connector.ClientId, _options.Auth.ToString());
                var reason = await RunSessionAsync(_link, cursor, restart, stoppingToken);
                if (restart.IsCompleted)
                {
                    Log.CumulocityRestarting(_logger);
                    throw new GatewayRestartException();
                }

                if (reason is not null)
                {
                    _state.Disconnected(reason);
                    Log.CumulocityDisconnected(_logger, _connector.Endpoint, reason);
                    await _link.DisposeAsync();
                    _link = null;
                    var stable = _time.GetElapsedTime(connectedAt) >= StableSession;
                    if (stable)
                    {
                        flapping.Reset();
                    }

                    await Task.Delay(stable ? backoff.Next() : flapping.Next(), _time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await background.CancelAsync();
            await Quietly(operations);
            await Quietly(events);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_link is { } link && !link.Closed.IsCompleted)
        {
            // The will fires only when the connection breaks: a graceful stop says so itself.
            try
            {
                Log.CumulocityStopping(_logger);
                await link.PublishAndWaitAsync(SmartRestTopics.Upstream, Encoding.UTF8.GetBytes(CumulocityConnector.WillRow), retain: false, cancellationToken);
                await link.DisconnectAsync(cancellationToken);
            }
            catch (Exception e) when (MqttLink.IsLinkFailure(e))
            {
            }
        }
    }

    public override void Dispose()
    {
        _link?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (MqttLink.IsLinkFailure(e))
        {
        }
    }
}

/// <summary>A <c>c8y_Restart</c> of the gateway: the service exits with a failure status so that systemd starts it again.</summary>
internal sealed class GatewayRestartException() : Exception("restarting for a c8y_Restart operation from Cumulocity");
