using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Tests.Faults;

/// <summary>One reading as it reached the subscriber: who sent it, which boot, which seq, and in which connection of the subscriber.</summary>
internal readonly record struct Delivery(string Device, string Boot, uint Seq, int Connection);

/// <summary>A message on a topic other than readings; <paramref name="Retained"/> is set only for what the broker held when the subscription was made.</summary>
internal readonly record struct OtherMessage(string Topic, string Text, bool Retained, int Connection);

/// <summary>
/// A subscriber on the gateway's readings (and any other topics asked for) that keeps, in arrival order, the
/// (device, boot, seq) of every reading. Its session is persistent (a fixed client id, clean session off), so
/// after the broker restarts, <see cref="ReconnectAsync"/> picks up what the broker kept for it.
/// </summary>
internal sealed class ReadingCollector : IAsyncDisposable
{
    private readonly MosquittoBroker _broker;
    private readonly string _clientId = "collector-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string[] _filters;
    private readonly Lock _lock = new();
    private readonly List<Delivery> _deliveries = [];
    private readonly List<OtherMessage> _others = [];
    private IMqttClient? _client;
    private int _connection;
    private uint _maxSeq;

    private ReadingCollector(MosquittoBroker broker, string[] filters)
    {
        _broker = broker;
        _filters = filters;
    }

    /// <summary>The highest seq seen so far.</summary>
    public uint MaxSeq
    {
        get
        {
            lock (_lock)
            {
                return _maxSeq;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _deliveries.Count;
            }
        }
    }

    /// <summary>Connects to <paramref name="broker"/> and subscribes to the readings of every device under <paramref name="root"/> and to <paramref name="otherTopics"/>.</summary>
    public static async Task<ReadingCollector> ConnectAsync(MosquittoBroker broker, string root, params string[] otherTopics)
    {
        var collector = new ReadingCollector(broker, [$"{root}/devices/+/readings", .. otherTopics]);
        await collector.ReconnectAsync();
        return collector;
    }

    /// <summary>Every reading received, in arrival order.</summary>
    public IReadOnlyList<Delivery> Snapshot()
    {
        lock (_lock)
        {
            return [.. _deliveries];
        }
    }

    /// <summary>Messages on the other topics, and readings that could not be read as ADR 0002 says, in arrival order.</summary>
    public IReadOnlyList<OtherMessage> Others()
    {
        lock (_lock)
        {
            return [.. _others];
        }
    }

    /// <summary>Whether every seq from <paramref name="from"/> to <paramref name="to"/> has arrived at least once.</summary>
    public bool HasAll(uint from, uint to)
    {
        lock (_lock)
        {
            if (_maxSeq < to)
            {
                return false;
            }

            var seen = new HashSet<uint>(_deliveries.Select(d => d.Seq));
            for (var seq = from; seq <= to; seq++)
            {
                if (!seen.Contains(seq))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>(Re)connects with the same client id and a persistent session, and subscribes again.</summary>
    public async Task ReconnectAsync()
    {
        if (_client is not null)
        {
            _client.Dispose();
        }

        var connection = Interlocked.Increment(ref _connection);
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Take(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, e.ApplicationMessage.Retain, connection);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_clientId)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .Build());
        foreach (var filter in _filters)
        {
            await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        _client = client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }

        _client?.Dispose();
    }

    private void Take(string topic, ReadOnlySequence<byte> payload, bool retained, int connection)
    {
        if (!topic.EndsWith("/readings", StringComparison.Ordinal))
        {
            lock (_lock)
            {
                _others.Add(new OtherMessage(topic, Encoding.UTF8.GetString(payload), retained, connection));
            }

            return;
        }

        Delivery delivery;
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            delivery = new Delivery(root.GetProperty("device").GetString()!, root.GetProperty("boot").GetString()!, root.GetProperty("seq").GetUInt32(), connection);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Not a reading as ADR 0002 describes it: kept among the others, where a test sees it.
            lock (_lock)
            {
                _others.Add(new OtherMessage(topic, Encoding.UTF8.GetString(payload), retained, connection));
            }

            return;
        }

        lock (_lock)
        {
            _deliveries.Add(delivery);
            _maxSeq = Math.Max(_maxSeq, delivery.Seq);
        }
    }
}
