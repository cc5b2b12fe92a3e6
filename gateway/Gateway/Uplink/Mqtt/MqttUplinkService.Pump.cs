using System.Buffers;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Telemetry;
using Gateway.Logging;
using Gateway.Store;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// Moving records from the outbox to the broker: one loop per session sends what the cursor has while the
/// window has room, then waits for a signal — the store's writer when records become readable, the receive
/// loop when a PUBACK frees a slot. Those threads only signal; they never send, so neither the store nor
/// the socket's completions ever wait on a send. The wait also ends after a second without a signal, so a
/// missed one costs at most that.
/// </summary>
internal sealed partial class MqttUplinkService : IMqttLinkObserver
{
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(1);
    private readonly WakeSignal _wake = new();
    private ArrayBufferWriter<byte> _payload = new(512);
    private MqttLink? _pumping;
    private OutboxEntry? _held;
    private int _waitingForWindow;

    public void PublishAcknowledged(long token)
    {
        _cursor!.Acknowledge(token);
        _state.CountAcknowledged();
    }

    /// <summary>A PUBACK freed a slot: the loop needs to hear of it only if it stopped for want of one.</summary>
    public void WindowOpened()
    {
        if (Volatile.Read(ref _waitingForWindow) == 1)
        {
            Signal();
        }
    }

    public void MessageReceived(MqttPublishPacket message) => OnMessage(message);

    /// <summary>Starts sending the outbox on <paramref name="link"/>, from the oldest record it has not acknowledged.</summary>
    private Task StartPumping(MqttLink link, CancellationToken cancellationToken)
    {
        _held = null;
        _cursor!.Rewind();
        Volatile.Write(ref _pumping, link);
        _cursor.SetReadableCallback(Signal);
        return PumpOutboxAsync(link, cancellationToken);
    }

    /// <summary>Stops sending; records sent and not acknowledged are sent again on the next link.</summary>
    private void StopPumping()
    {
        _cursor!.SetReadableCallback(null);
        Volatile.Write(ref _pumping, null);
    }

    private void Signal() => _wake.Set();

    private async Task PumpOutboxAsync(MqttLink link, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!link.Closed.IsCompleted)
        {
            try
            {
                Send(link);
            }
            catch (Exception e) when (link.Closed.IsCompleted)
            {
                // The link is broken: its Closed task ends the session, and the next one rewinds.
                Log.DrainStopped(_logger, Name, e.Message);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not the link: a fault reading the outbox. Say so; the next round tries again.
                Log.DrainFailed(_logger, Name, e);
            }

            await _wake.WaitAsync(IdleRecheck, cancellationToken);
        }
    }

    /// <summary>Sends what the cursor has while the window has room.</summary>
    private void Send(MqttLink link)
    {
        var cursor = _cursor!;
        var sent = 0;
        Volatile.Write(ref _waitingForWindow, 0);
        while (true)
        {
            if (!link.HasWindow)
            {
                // Say so before looking again (a full fence between): a PUBACK that frees a slot either
                // sees the flag and signals, or has freed it already and the second look sees the room.
                Interlocked.Exchange(ref _waitingForWindow, 1);
                if (!link.HasWindow)
                {
                    break;
                }

                Volatile.Write(ref _waitingForWindow, 0);
            }

            OutboxEntry entry;
            if (_held is { } held)
            {
                entry = held;
                _held = null;
            }
            else if (!cursor.TryRead(out entry))
            {
                break;
            }

            var topic = Map(entry.Record);
            if (topic is null)
            {
                cursor.Acknowledge(entry.Id);
                continue;
            }

            var send = link.TryPublish(topic, new ReadOnlySequence<byte>(_payload.WrittenMemory), retain: false, entry.Id);
            if (send is null)
            {
                // The window filled up (a state publish took the slot): this entry goes first, once a slot frees.
                _held = entry;
                continue;
            }

            _state.CountPublished();
            sent++;
            if (!send.IsCompleted)
            {
                // Still being written: the payload buffer stays with that send, and the next one gets a new buffer.
                _payload = new ArrayBufferWriter<byte>(512);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.Drained(_logger, Name, sent, link.InFlight, cursor.Backlog);
        }
    }

    /// <summary>Writes the record's payload into <see cref="_payload"/> and returns its topic, or null if it has none here.</summary>
    private string? Map(Record record)
    {
        _payload.ResetWrittenCount();
        // The time the reading was taken, corrected if the clock now allows it (ADR 0004).
        record = _clock.Correct(record);
        switch (record)
        {
            case Reading reading:
                LocalPayloads.WriteReading(_payload, reading);
                return _topics.For(reading.DeviceId).Readings;
            case BoardEvent boardEvent:
                LocalPayloads.WriteEvent(_payload, boardEvent);
                return _topics.For(boardEvent.DeviceId).Events;
            default:
                Log.RecordUnmappable(_logger, Name, record.DeviceId, record.Seq, record.GetType().Name);
                return null;
        }
    }
}
