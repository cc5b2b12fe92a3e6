using System.Collections.Concurrent;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Gateway.Uplink.Mqtt;

/// <summary>The receive loop, keep-alive and subscriptions.</summary>
internal sealed partial class MqttLink
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiters = new();
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<MqttSubAckPacket>> _subscriptions = new();
    private long _nextWaiter = -1;
    private long _lastSentTimestamp;
    private long _lastReceivedTimestamp;
    private ITimer? _keepAlive;

    /// <summary>Subscribes at QoS 1 and waits for the SUBACK; a refused filter is an error.</summary>
    public async Task SubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        ushort id;
        lock (_windowLock)
        {
            id = NextFreeId();
        }

        var packet = new MqttSubscribePacket { PacketIdentifier = id };
        foreach (var filter in filters)
        {
            packet.TopicFilters.Add(new MqttTopicFilter { Topic = filter, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        }

        var reply = new TaskCompletionSource<MqttSubAckPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        _subscriptions[id] = reply;
        try
        {
            await Send(packet, cancellationToken);
            var subAck = await reply.Task.WaitAsync(_options.ReplyTimeout, _time, cancellationToken);
            var refused = subAck.ReasonCodes.FindIndex(c => (int)c >= 0x80);
            if (refused >= 0)
            {
                throw new MqttConnectRefusedException($"subscription to '{filters[refused]}' refused ({subAck.ReasonCodes[refused]})");
            }
        }
        finally
        {
            _subscriptions.TryRemove(id, out _);
        }
    }

    private void StartLoops()
    {
        var now = _time.GetTimestamp();
        _lastSentTimestamp = now;
        _lastReceivedTimestamp = now;
        _ = ReceiveLoopAsync();
        if (_options.KeepAlive > TimeSpan.Zero)
        {
            var tick = _options.KeepAlive / 4;
            _keepAlive = _time.CreateTimer(_ => KeepAliveTick(), null, tick, tick);
            _closed.Task.ContinueWith(_ => _keepAlive.Dispose(), TaskScheduler.Default);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var packet = await _client.ReceiveAsync(_stop.Token);
                if (packet is null)
                {
                    Close("the broker closed the connection");
                    return;
                }

                Volatile.Write(ref _lastReceivedTimestamp, _time.GetTimestamp());
                Dispatch(packet);
            }
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            Close(e.Message);
        }
    }

    private void Dispatch(MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPubAckPacket ack:
                OnPubAck(ack.PacketIdentifier);
                break;
            case MqttPublishPacket message:
                if (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                {
                    _ = Send(new MqttPubAckPacket { PacketIdentifier = message.PacketIdentifier }, _stop.Token);
                }

                _observer.MessageReceived(message);
                break;
            case MqttSubAckPacket subAck when _subscriptions.TryGetValue(subAck.PacketIdentifier, out var reply):
                reply.TrySetResult(subAck);
                break;
            case MqttConnAckPacket connAck:
                // A CONNACK with an error in the middle of a session announces that the broker closes it.
                Close($"the broker ended the session ({connAck.ReturnCode})");
                break;
            case MqttDisconnectPacket:
                Close("the broker sent DISCONNECT");
                break;
        }
    }

    private void OnPubAck(ushort id)
    {
        long token;
        lock (_windowLock)
        {
            token = _tokens[id];
            if (token == NoToken)
            {
                return;
            }

            _tokens[id] = NoToken;
            _inFlight--;
        }

        if (token >= 0)
        {
            _observer.PublishAcknowledged(token);
        }
        else if (_waiters.TryGetValue(token, out var waiter))
        {
            waiter.TrySetResult();
        }

        _observer.WindowOpened();
    }

    /// <summary>The publish waiting longest for its PUBACK, if any.</summary>
    private (ushort Id, TimeSpan Age)? OldestUnacknowledged(long now)
    {
        lock (_windowLock)
        {
            if (_inFlight == 0)
            {
                return null;
            }

            var oldestId = 0;
            var oldestAt = long.MaxValue;
            for (var id = 1; id < _tokens.Length; id++)
            {
                if (_tokens[id] != NoToken && _sentAt[id] < oldestAt)
                {
                    (oldestId, oldestAt) = (id, _sentAt[id]);
                }
            }

            return oldestAt == long.MaxValue ? null : ((ushort)oldestId, _time.GetElapsedTime(oldestAt, now));
        }
    }

    private void KeepAliveTick()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Volatile.Read(ref _lastReceivedTimestamp), now) > _options.KeepAlive * 1.5)
        {
            Close($"no packet from the broker for {_options.KeepAlive.TotalSeconds * 1.5:0} s (keep-alive)");
            return;
        }

        if (OldestUnacknowledged(now) is { } oldest && oldest.Age > _options.ReplyTimeout)
        {
            // A publish the broker never acknowledged holds its window slot for good: start over on a new
            // connection, which sends it again.
            Close($"no PUBACK for packet {oldest.Id} in {oldest.Age.TotalSeconds:0} s");
            return;
        }

        if (_time.GetElapsedTime(Volatile.Read(ref _lastSentTimestamp), now) >= _options.KeepAlive / 2)
        {
            _ = Send(MqttPingReqPacket.Instance, _stop.Token);
        }
    }
}
