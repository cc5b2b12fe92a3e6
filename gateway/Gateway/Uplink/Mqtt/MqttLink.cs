using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.LowLevelClient;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// One MQTT 3.1.1 connection at the packet level, over MQTTnet's low-level client. Publishes go out on the
/// caller's thread (no hand-off per message); one receive loop matches PUBACKs to what was sent through a
/// bounded window of packet ids; keep-alive pings while the link is quiet. When anything breaks,
/// <see cref="Closed"/> completes with the reason and the link is done: the owner makes a new one.
/// </summary>
internal sealed partial class MqttLink : IAsyncDisposable
{
    private const long NoToken = long.MinValue;
    private const int SocketBufferBytes = 128 * 1024;
    private readonly ILowLevelMqttClient _client;
    private readonly MqttLinkOptions _options;
    private readonly IMqttLinkObserver _observer;
    private readonly TimeProvider _time;
    private readonly long[] _tokens = new long[65536];
    private readonly long[] _sentAt = new long[65536];
    private readonly Lock _windowLock = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _inFlight;
    private ushort _nextId;

    private MqttLink(ILowLevelMqttClient client, MqttLinkOptions options, IMqttLinkObserver observer, TimeProvider time)
    {
        _client = client;
        _options = options;
        _observer = observer;
        _time = time;
        Array.Fill(_tokens, NoToken);
    }

    /// <summary>
    /// The channel options of every link, from the endpoint, TLS and credentials in <paramref name="builder"/>:
    /// each packet leaves in one write (one TCP segment for a publish, not its header and then its payload),
    /// and the socket's buffers hold a full window of publishes. MQTTnet's default of 8 KiB fills with a few
    /// dozen readings, and every send after that completes on the thread pool.
    /// </summary>
    internal static MqttClientOptions BuildChannel(MqttClientOptionsBuilder builder)
    {
        var options = builder.WithoutPacketFragmentation().Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.BufferSize = SocketBufferBytes;
        }

        return options;
    }

    /// <summary>Completes with the reason when the connection is over.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>Whether another QoS 1 publish may be sent now.</summary>
    public bool HasWindow => Volatile.Read(ref _inFlight) < _options.MaxInFlight;

    /// <summary>Publishes waiting for their PUBACK.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Opens the transport, sends CONNECT and waits for an accepting CONNACK.</summary>
    /// <exception cref="MqttConnectRefusedException">The broker refused (bad credentials, not authorised…).</exception>
    public static async Task<MqttLink> ConnectAsync(MqttLinkOptions options, IMqttLinkObserver observer, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateLowLevelMqttClient(new ReadBufferedAdapterFactory());
        var link = new MqttLink(client, options, observer, time);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ReplyTimeout);
            await client.ConnectAsync(options.Channel, timeout.Token);
            await client.SendAsync(link.ConnectPacket(), timeout.Token);
            var reply = await client.ReceiveAsync(timeout.Token);
            if (reply is not MqttConnAckPacket connAck)
            {
                throw new MqttConnectRefusedException($"expected CONNACK, got {reply?.GetType().Name ?? "nothing"}");
            }

            if (connAck.ReturnCode != MqttConnectReturnCode.ConnectionAccepted)
            {
                throw new MqttConnectRefusedException(connAck.ReturnCode.ToString());
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        link.StartLoops();
        return link;
    }

    /// <summary>
    /// Sends a QoS 1 publish that the observer hears about (by <paramref name="token"/>, zero or positive)
    /// when its PUBACK arrives. Returns null when the window is full; otherwise the send, which has
    /// usually completed already.
    /// </summary>
    public Task? TryPublish(string topic, ReadOnlySequence<byte> payload, bool retain, long token)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(token);
        return TrySendPublish(topic, payload, retain, token);
    }

    /// <summary>Sends a QoS 1 publish and waits for its PUBACK (retained state, results: not in the hot path).</summary>
    public async Task PublishAndWaitAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = Interlocked.Decrement(ref _nextWaiter);
        _waiters[key] = waiter;
        try
        {
            Task? send;
            while ((send = TrySendPublish(topic, new ReadOnlySequence<byte>(payload), retain, key)) is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), _time, cancellationToken);
            }

            await send;
            await waiter.Task.WaitAsync(_options.ReplyTimeout, _time, cancellationToken);
        }
        finally
        {
            _waiters.TryRemove(key, out _);
        }
    }

    /// <summary>Publishes at QoS 0 (no acknowledgement).</summary>
    public Task PublishAtMostOnceAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        Send(new MqttPublishPacket
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce,
        }, cancellationToken);

    /// <summary>Ends the connection cleanly: DISCONNECT (so the last will is not sent), then close.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(new MqttDisconnectPacket(), cancellationToken);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
        }

        Close("disconnected");
    }

    public async ValueTask DisposeAsync()
    {
        Close("closed");
        await _stop.CancelAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    /// <summary>Whether <paramref name="e"/> is a broken connection rather than a bug.</summary>
    internal static bool IsLinkFailure(Exception e) =>
        e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException
            or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException
            or MQTTnet.Adapter.MqttConnectingFailedException or System.Security.Authentication.AuthenticationException
            or MqttConnectRefusedException or TimeoutException;

    private MqttConnectPacket ConnectPacket()
    {
        var packet = new MqttConnectPacket
        {
            ClientId = _options.ClientId,
            CleanSession = _options.CleanSession,
            KeepAlivePeriod = (ushort)Math.Clamp(_options.KeepAlive.TotalSeconds, 0, ushort.MaxValue),
            Username = _options.Username,
            Password = _options.Password,
        };
        if (_options.Will is { } will)
        {
            packet.WillFlag = true;
            packet.WillTopic = will.Topic;
            packet.WillMessage = will.Payload;
            packet.WillRetain = will.Retain;
            packet.WillQoS = will.Qos;
        }

        return packet;
    }

    private Task? TrySendPublish(string topic, ReadOnlySequence<byte> payload, bool retain, long token)
    {
        ushort id;
        lock (_windowLock)
        {
            if (_inFlight >= _options.MaxInFlight)
            {
                return null;
            }

            id = NextFreeId();
            _tokens[id] = token;
            _sentAt[id] = _time.GetTimestamp();
            _inFlight++;
        }

        return Send(new MqttPublishPacket
        {
            Topic = topic,
            Payload = payload,
            Retain = retain,
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            PacketIdentifier = id,
        }, _stop.Token);
    }

    /// <summary>The next packet identifier not waiting for its acknowledgement (1–65535); call under the window lock.</summary>
    private ushort NextFreeId()
    {
        do
        {
            _nextId = (ushort)(_nextId == ushort.MaxValue ? 1 : _nextId + 1);
        }
        while (_tokens[_nextId] != NoToken);

        return _nextId;
    }

    private Task Send(MqttPacket packet, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
        var send = _client.SendAsync(packet, cancellationToken);
        return send.IsCompletedSuccessfully ? Task.CompletedTask : ObserveAsync(send);
    }

    private async Task ObserveAsync(Task send)
    {
        try
        {
            await send;
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            Close(e.Message);
        }
    }

    private void Close(string reason)
    {
        if (_closed.TrySetResult(reason))
        {
            _stop.Cancel();
            _client.Dispose();
        }
    }
}

/// <summary>The broker refused the connection (a CONNACK with an error, or no CONNACK).</summary>
internal sealed class MqttConnectRefusedException(string reason) : Exception($"the broker refused the connection: {reason}")
{
    /// <summary>The broker's reason.</summary>
    public string Reason { get; } = reason;
}
