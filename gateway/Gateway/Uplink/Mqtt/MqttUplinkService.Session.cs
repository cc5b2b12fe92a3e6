using System.Buffers;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Telemetry;
using Gateway.Devices;
using Gateway.Logging;
using Gateway.Store;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Uplink.Mqtt;

/// <summary>One connected session: state first, then the outbox, until the connection breaks.</summary>
internal sealed partial class MqttUplinkService
{
    /// <summary>Runs a connected session; returns why it ended, or null when the gateway is stopping.</summary>
    private async Task<string?> RunSessionAsync(CancellationToken stoppingToken)
    {
        var disconnected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task OnDisconnected(MqttClientDisconnectedEventArgs e)
        {
            disconnected.TrySetResult(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
            return Task.CompletedTask;
        }

        _client.DisconnectedAsync += OnDisconnected;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            if (!_client.IsConnected)
            {
                return "connection closed at once";
            }

            await _client.PublishAsync(Retained(_topics.Status, "online"u8.ToArray()), session.Token);
            await PublishAllDeviceStateAsync(session.Token);
            await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_topics.CommandFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                session.Token);
            _cursor!.Rewind();
            var publishing = PublishOutboxAsync(session.Token);
            var state = PumpDeviceChangesAsync(session.Token);
            var ended = await Task.WhenAny(disconnected.Task, publishing, state);
            session.Cancel();
            await Task.WhenAll(Quietly(publishing), Quietly(state));
            if (stoppingToken.IsCancellationRequested)
            {
                return null;
            }

            return ended == disconnected.Task ? disconnected.Task.Result : ended.Exception?.GetBaseException().Message ?? "session ended";
        }
        catch (Exception e) when (IsConnectFailure(e))
        {
            return stoppingToken.IsCancellationRequested ? null : e.Message;
        }
        finally
        {
            _client.DisconnectedAsync -= OnDisconnected;
            if (_client.IsConnected && !stoppingToken.IsCancellationRequested)
            {
                await Quietly(_client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None));
            }
        }
    }

    /// <summary>
    /// Publishes records from the outbox in order with at most <c>Mqtt:MaxInFlight</c> awaiting their PUBACK;
    /// each is acknowledged to the outbox only when its PUBACK arrives.
    /// </summary>
    private async Task PublishOutboxAsync(CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        var cursor = _cursor!;
        try
        {
            while (true)
            {
                await cursor.WaitToReadAsync(cancellationToken);
                while (cursor.TryRead(out var entry))
                {
                    var message = Map(entry.Record);
                    if (message is null)
                    {
                        cursor.Acknowledge(entry.Id);
                        continue;
                    }

                    await inFlight.WaitAsync(cancellationToken);
                    _ = PublishOneAsync(message, entry.Id, cursor, inFlight, cancellationToken);
                }
            }
        }
        finally
        {
            // Wait for the publishes in flight to finish (or fail with the session) before the semaphore goes.
            for (var i = 0; i < _options.MaxInFlight; i++)
            {
                await inFlight.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task PublishOneAsync(MqttApplicationMessage message, long id, IOutboxCursor cursor, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken);
            if (result.IsSuccess)
            {
                cursor.Acknowledge(id);
            }
        }
        catch (Exception e) when (IsConnectFailure(e))
        {
            // Not acknowledged: the rewind after reconnecting sends it again.
        }
        finally
        {
            inFlight.Release();
        }
    }

    private MqttApplicationMessage? Map(Record record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        string topic;
        switch (record)
        {
            case Reading reading:
                LocalPayloads.WriteReading(buffer, reading);
                topic = _topics.For(reading.DeviceId).Readings;
                break;
            case BoardEvent boardEvent:
                LocalPayloads.WriteEvent(buffer, boardEvent);
                topic = _topics.For(boardEvent.DeviceId).Events;
                break;
            default:
                Log.RecordUnmappable(_logger, Name, record.DeviceId, record.Seq, record.GetType().Name);
                return null;
        }

        return new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(buffer.WrittenMemory))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
    }

    private async Task PublishAllDeviceStateAsync(CancellationToken cancellationToken)
    {
        foreach (var device in _registry.Snapshot())
        {
            await PublishDeviceStateAsync(device.Device, device.Online, cancellationToken);
        }
    }

    private async Task PumpDeviceChangesAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken))
        {
            if (change.Kind == DeviceChangeKind.Announced)
            {
                await PublishMetaAsync(change.Device, cancellationToken);
            }
            else
            {
                await PublishAvailabilityAsync(change.Device, change.Kind == DeviceChangeKind.Online, cancellationToken);
            }
        }
    }

    private async Task PublishDeviceStateAsync(Core.Devices.DeviceInfo device, bool online, CancellationToken cancellationToken)
    {
        await PublishMetaAsync(device, cancellationToken);
        await PublishAvailabilityAsync(device, online, cancellationToken);
    }

    private Task<MqttClientPublishResult> PublishMetaAsync(Core.Devices.DeviceInfo device, CancellationToken cancellationToken)
    {
        var meta = new ArrayBufferWriter<byte>(512);
        LocalPayloads.WriteMeta(meta, device);
        return _client.PublishAsync(Retained(_topics.For(device.DeviceId).Meta, meta.WrittenSpan.ToArray()), cancellationToken);
    }

    private Task<MqttClientPublishResult> PublishAvailabilityAsync(Core.Devices.DeviceInfo device, bool online, CancellationToken cancellationToken) =>
        _client.PublishAsync(
            Retained(_topics.For(device.DeviceId).Availability, online ? "online"u8.ToArray() : "offline"u8.ToArray()), cancellationToken);

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (IsConnectFailure(e))
        {
        }
    }
}
