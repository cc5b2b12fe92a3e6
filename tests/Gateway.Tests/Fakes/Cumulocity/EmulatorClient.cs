using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>A plain MQTTnet client for driving a <see cref="CumulocityEmulator"/> in tests; it records what it receives.</summary>
public sealed class EmulatorClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _received = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorClient(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_gate)
            {
                var message = e.ApplicationMessage;
                _received.Add(new ReceivedMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.QualityOfServiceLevel));
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>The MQTTnet client.</summary>
    public IMqttClient Client { get; }

    /// <summary>What arrived, oldest first.</summary>
    public IReadOnlyList<ReceivedMessage> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Options for the emulator's plain port, MQTT 3.1.1, clean session.</summary>
    public static MqttClientOptionsBuilder Options(CumulocityEmulator emulator, string clientId, string? userName = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(CumulocityEmulator.Host, emulator.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(5));
        return userName is null ? builder : builder.WithCredentials(userName, password);
    }

    /// <summary>Options for the emulator's TLS port, trusting its CA, with an optional client certificate.</summary>
    public static MqttClientOptionsBuilder TlsOptions(CumulocityEmulator emulator, string clientId, X509Certificate2? certificate)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return new MqttClientOptionsBuilder()
            .WithTcpServer(CumulocityEmulator.Host, emulator.TlsPort)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithTlsOptions(o =>
            {
                o.UseTls();
                o.WithTargetHost("localhost");
                o.WithTrustChain([emulator.Authority!]);
                if (certificate is not null)
                {
                    o.WithClientCertificates([certificate]);
                }
            });
    }

    /// <summary>Connects with the default credentials of a device user; throws when refused.</summary>
    public static async Task<EmulatorClient> ConnectAsync(MqttClientOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new EmulatorClient(new MqttClientFactory().CreateMqttClient());
        await client.Client.ConnectAsync(options.Build());
        return client;
    }

    /// <summary>The CONNACK result of a connection attempt (the connection is closed again).</summary>
    public static async Task<MqttClientConnectResultCode> TryConnectAsync(MqttClientOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(options.Build());
        if (result.ResultCode == MqttClientConnectResultCode.Success)
        {
            await client.DisconnectAsync();
        }

        return result.ResultCode;
    }

    /// <summary>Subscribes at QoS 1 and returns each filter's result.</summary>
    public async Task<MqttClientSubscribeResultCode[]> SubscribeAsync(params string[] topics)
    {
        var options = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            options.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await Client.SubscribeAsync(options.Build());
        return [.. result.Items.Select(i => i.ResultCode)];
    }

    /// <summary>Publishes text at QoS 1.</summary>
    public Task PublishAsync(string topic, string payload) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    /// <summary>Publishes bytes at QoS 1.</summary>
    public async Task PublishAsync(string topic, byte[] payload) =>
        await Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    /// <summary>Waits for a message on <paramref name="topic"/> whose payload satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForAsync(string topic, Func<string, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var message in _received)
                {
                    if (message.Topic == topic && match(message.Payload))
                    {
                        return message.Payload;
                    }
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Nothing matching arrived on {topic}. Received: {string.Join(" | ", Received.Select(r => $"{r.Topic}: {r.Payload}"))}");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>Drops the connection without DISCONNECT, as a crash or a pulled cable does.</summary>
    public void Kill() => Client.Dispose();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected)
            {
                await Client.DisconnectAsync();
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The server dropped the connection first (displaced, server stopped): nothing left to close.
        }

        Client.Dispose();
    }
}

/// <summary>A message an <see cref="EmulatorClient"/> received.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, MqttQualityOfServiceLevel QualityOfService);
