using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Resilience;
using Gateway.Devices;
using Gateway.Logging;
using Gateway.Operations;
using Gateway.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

using Gateway.Hosting;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// Forwards to the local broker (ADR 0002): keeps one MQTT session up (reconnecting with jittered backoff,
/// reset on CONNACK), publishes the outbox's records at QoS 1 with a bounded number in flight and
/// acknowledges each to the outbox only on its PUBACK, keeps the retained status and device state current,
/// and takes commands for boards.
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
    private readonly TimeProvider _time;
    private readonly ILogger<MqttUplinkService> _logger;
    private readonly Channel<DeviceChange> _changes = Channel.CreateUnbounded<DeviceChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IMqttClient _client;
    private IOutboxCursor? _cursor;

    public MqttUplinkService(
        IOptions<MqttOptions> options,
        GatewayIdentityAccessor identity,
        IOutbox outbox,
        DeviceRegistry registry,
        BoardCommander commander,
        TimeProvider time,
        ILogger<MqttUplinkService> logger)
    {
        _options = options.Value;
        _topics = new LocalTopics(_options.TopicPrefix, identity.Id);
        _clientId = _options.ClientId.Length > 0 ? _options.ClientId : identity.Id;
        _outbox = outbox;
        _registry = registry;
        _commander = commander;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        registry.Subscribe(_changes.Writer);
    }

    private string Endpoint => $"{_options.Host}:{_options.EffectivePort}";

    /// <summary>Whether the session is up.</summary>
    public bool IsConnected => _client.IsConnected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MqttClientOptions clientOptions;
        try
        {
            clientOptions = BuildClientOptions();
        }
        catch (Exception e) when (e is InvalidOperationException or SecretFileExposedException or IOException or UnauthorizedAccessException)
        {
            Log.UplinkMisconfigured(_logger, Name, e.Message);
            throw new Hosting.GatewayConfigurationException(e.Message, e);
        }

        _cursor = _outbox.OpenCursor(Name);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(_options.ReconnectMinMs), TimeSpan.FromMilliseconds(_options.ReconnectMaxMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(15));
                var result = await _client.ConnectAsync(clientOptions, connectTimeout.Token);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new MqttConnectRefusedException(result.ResultCode.ToString());
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && IsConnectFailure(e))
            {
                var delay = backoff.Next();
                Log.UplinkConnectFailed(_logger, Name, Endpoint, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stoppingToken);
                continue;
            }

            backoff.Reset();
            Log.UplinkConnected(_logger, Name, Endpoint, _clientId);
            var reason = await RunSessionAsync(stoppingToken);
            if (reason is not null)
            {
                Log.UplinkDisconnected(_logger, Name, Endpoint, reason);
                await Task.Delay(backoff.Next(), _time, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            // A graceful stop says so itself: the last will only fires when the connection breaks.
            try
            {
                await _client.PublishAsync(Retained(_topics.Status, "offline"u8.ToArray()), cancellationToken);
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
            }
            catch (Exception e) when (IsConnectFailure(e))
            {
            }
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.EffectivePort)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(_options.CleanSession)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(15))
            .WithWillTopic(_topics.Status)
            .WithWillPayload("offline"u8.ToArray())
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Username.Length > 0)
        {
            var password = _options.PasswordFile.Length > 0 ? MqttSecurity.ReadSecretFile(_options.PasswordFile, "Mqtt:PasswordFile") : null;
            builder.WithCredentials(_options.Username, password);
        }

        MqttSecurity.ApplyTls(builder, _options.Tls, _options.Host, "Mqtt:Tls");
        return builder.Build();
    }

    private static bool IsConnectFailure(Exception e) =>
        e is MQTTnet.Exceptions.MqttCommunicationException or MqttConnectRefusedException or OperationCanceledException
            or IOException or System.Net.Sockets.SocketException or InvalidOperationException
            or System.Security.Authentication.AuthenticationException;

    private static MqttApplicationMessage Retained(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
