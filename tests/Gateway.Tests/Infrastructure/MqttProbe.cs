using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Tests.Infrastructure;

/// <summary>An MQTT client that records every message on the topics a test watches, and publishes.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly List<Received> _messages = [];
    private readonly Lock _lock = new();

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            lock (_lock)
            {
                _messages.Add(new Received(m.Topic, m.Payload.ToArray(), m.Retain, DateTime.UtcNow));
            }

            return Task.CompletedTask;
        };
    }

    public static Task<MqttProbe> ConnectAsync(string host, int port, params string[] filters) =>
        ConnectAsync(host, port, "probe-" + Guid.NewGuid().ToString("N")[..8], cleanSession: true, filters);

    /// <summary>Connects; with a persistent session (<paramref name="cleanSession"/> false) the broker queues what arrives while the probe is away.</summary>
    public static async Task<MqttProbe> ConnectAsync(string host, int port, string clientId, bool cleanSession, params string[] filters)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCleanSession(cleanSession)
            .Build());
        foreach (var filter in filters)
        {
            await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return probe;
    }

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<Received> On(string topic) => Messages.Where(m => m.Topic == topic).ToList();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Waits for a message, among those received from index <paramref name="from"/> on, that matches.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan timeout, string because, int from = 0)
    {
        Received? found = null;
        await Eventually.TrueAsync(
            () =>
            {
                found = Messages.Skip(from).FirstOrDefault(match);
                return found is not null;
            },
            timeout,
            because + $" (seen: {Describe()})");
        return found!;
    }

    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private string Describe()
    {
        var all = Messages;
        var tail = all.Skip(Math.Max(0, all.Count - 8)).Select(m => $"{m.Topic} {m.Text}");
        return $"{all.Count} messages; last: " + string.Join(" | ", tail);
    }

    public sealed record Received(string Topic, byte[] Payload, bool Retained, DateTime At)
    {
        public string Text => Encoding.UTF8.GetString(Payload);

        public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Payload).RootElement;
    }
}
