using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Resilience;
using Gateway.Devices;
using Gateway.Health;
using Gateway.Hosting;
using Gateway.Logging;
using Gateway.Operations;
using Gateway.Store;
using Gateway.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// Forwards to the local broker (ADR 0002): keeps one MQTT session up (reconnecting with jittered backoff,
/// reset on CONNACK), publishes the outbox's records at QoS 1 with a bounded number in flight and
/// acknowledges each to the outbox only on its PUBACK, keeps the retained status, health and device state
/// current, and takes commands for boards.
/// </summary>
internal sealed partial class MqttUplinkService : BackgroundService
{
    private const string Name = OutboxConsumers.Mqtt;
    private readonly MqttOptions _options;
    private readonly LocalTopics _topics;
    private readonly string _clientId;
    private readonly IOutbox _outbox;
    private readonly DeviceRegistry _registry;
    private readonly BoardCommander _commander;
    private readonly UplinkState _state;
    private readonly TimeProvider _time;
    private readonly GatewayClock _clock;
    private readonly ILogger<MqttUplinkService> _logger;
    private readonly Channel<DeviceChange> _changes = Channel.CreateUnbounded<DeviceChange>();
    private readonly Channel<StoreNotice> _notices = Channel.CreateBounded<StoreNotice>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<HealthReport> _healthUpdates = Channel.CreateBounded<HealthReport>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private IOutboxCursor? _cursor;

    public MqttUplinkService(
        IOptions<MqttOptions> options,
        GatewayIdentityAccessor identity,
        IOutbox outbox,
        DeviceRegistry registry,
        BoardCommander commander,
        UplinkStates states,
        HealthService health,
        GatewayClock clock,
        TimeProvider time,
        ILogger<MqttUplinkService> logger)
    {
        _options = options.Value;
        _topics = new LocalTopics(_options.TopicPrefix, identity.Id);
        _clientId = _options.ClientId.Length > 0 ? _options.ClientId : identity.Id;
        _outbox = outbox;
        _registry = registry;
        _commander = commander;
        _state = states.Register(Name, $"{_options.Host}:{_options.EffectivePort}");
        _time = time;
        _clock = clock;
        _logger = logger;
        registry.Subscribe(_changes.Writer);
        health.Subscribe(_healthUpdates.Writer);
        outbox.Subscribe(_notices.Writer);
    }

    private string Endpoint => _state.Endpoint;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MqttLinkOptions linkOptions;
        try
        {
            linkOptions = BuildLinkOptions();
        }
        catch (Exception e) when (e is InvalidOperationException or SecretFileExposedException or IOException or UnauthorizedAccessException)
        {
            Log.UplinkMisconfigured(_logger, Name, e.Message);
            throw new GatewayConfigurationException(e.Message, e);
        }

        _cursor = _outbox.OpenCursor(Name);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(_options.ReconnectMinMs), TimeSpan.FromMilliseconds(_options.ReconnectMaxMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            MqttLink link;
            try
            {
                link = await MqttLink.ConnectAsync(linkOptions, this, _time, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && MqttLink.IsLinkFailure(e))
            {
                var delay = backoff.Next();
                _state.Disconnected(e.Message);
                Log.UplinkConnectFailed(_logger, Name, Endpoint, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stoppingToken);
                continue;
            }

            backoff.Reset();
            _state.Connected();
            Log.UplinkConnected(_logger, Name, Endpoint, _clientId);
            string? reason;
            await using (link)
            {
                reason = await RunSessionAsync(link, stoppingToken);
            }

            if (reason is not null)
            {
                _state.Disconnected(reason);
                Log.UplinkDisconnected(_logger, Name, Endpoint, reason);
                await Task.Delay(backoff.Next(), _time, stoppingToken);
            }
        }
    }

    private MqttLinkOptions BuildLinkOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.EffectivePort)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(15));
        MqttSecurity.ApplyTls(builder, _options.Tls, _options.Host, "Mqtt:Tls");
        byte[]? password = null;
        if (_options.Username.Length > 0 && _options.PasswordFile.Length > 0)
        {
            password = System.Text.Encoding.UTF8.GetBytes(MqttSecurity.ReadSecretFile(_options.PasswordFile, "Mqtt:PasswordFile"));
        }

        return new MqttLinkOptions
        {
            Channel = MqttLink.BuildChannel(builder),
            Endpoint = $"{_options.Host}:{_options.EffectivePort}",
            ClientId = _clientId,
            CleanSession = _options.CleanSession,
            KeepAlive = TimeSpan.FromSeconds(_options.KeepAliveSeconds),
            Username = _options.Username.Length > 0 ? _options.Username : null,
            Password = password,
            Will = new MqttWill(_topics.Status, "offline"u8.ToArray(), Retain: true),
            MaxInFlight = _options.MaxInFlight,
        };
    }
}
