using System.Buffers;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Telemetry;
using Gateway.Logging;
using Gateway.Store;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// Moving records from the outbox to the broker. There is no sending task: whichever thread learns that
/// there is something to do — the store's writer when records become readable, the receive loop when a
/// PUBACK frees a window slot — drains the cursor itself, sending on its own thread, and the others leave
/// it to the one already draining. At 1,000 readings/s that is no thread hand-off per reading; at full
/// speed the drain sends as many as the window allows each time.
/// </summary>
internal sealed partial class MqttUplinkService : IMqttLinkObserver
{
    private readonly Lock _drainLock = new();
    private ArrayBufferWriter<byte> _payload = new(512);
    private MqttLink? _pumping;
    private OutboxEntry? _held;
    private int _drainRequested;

    public void PublishAcknowledged(long token)
    {
        _cursor!.Acknowledge(token);
        _state.CountAcknowledged();
    }

    public void WindowOpened() => Drain();

    public void MessageReceived(MqttPublishPacket message) => OnMessage(message);

    /// <summary>Starts sending the outbox on <paramref name="link"/>, from the oldest record it has not acknowledged.</summary>
    private void StartPumping(MqttLink link)
    {
        lock (_drainLock)
        {
            _held = null;
            _cursor!.Rewind();
            Volatile.Write(ref _pumping, link);
        }

        _cursor.SetReadableCallback(Drain);
        Drain();
    }

    /// <summary>Stops sending; records sent and not acknowledged are sent again on the next link.</summary>
    private void StopPumping()
    {
        _cursor!.SetReadableCallback(null);
        lock (_drainLock)
        {
            Volatile.Write(ref _pumping, null);
        }
    }

    /// <summary>Drains now on this thread, or leaves it to the thread already draining (which then goes round again).</summary>
    private void Drain()
    {
        Volatile.Write(ref _drainRequested, 1);
        while (Volatile.Read(ref _drainRequested) == 1 && _drainLock.TryEnter())
        {
            try
            {
                Volatile.Write(ref _drainRequested, 0);
                DrainLocked();
            }
            catch (Exception e) when (Volatile.Read(ref _pumping) is not { Closed.IsCompleted: false })
            {
                // The link is broken: its Closed task ends the session, and the next one rewinds.
                Log.DrainStopped(_logger, Name, e.Message);
            }
            catch (Exception e)
            {
                // Not the link: a fault reading the outbox. Say so; the next drain (or the next session) tries again.
                Log.DrainFailed(_logger, Name, e);
            }
            finally
            {
                _drainLock.Exit();
            }
        }
    }

    private void DrainLocked()
    {
        var link = _pumping;
        if (link is null || link.Closed.IsCompleted)
        {
            return;
        }

        var cursor = _cursor!;
        var sent = 0;
        while (link.HasWindow)
        {
            OutboxEntry entry;
            if (_held is { } held)
            {
                entry = held;
                _held = null;
            }
            else if (!cursor.TryRead(out entry))
            {
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    Log.Drained(_logger, Name, sent, link.InFlight, cursor.Backlog);
                }

                return;
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
                // The window filled up (a state publish took the slot): this entry goes first next time.
                _held = entry;
                return;
            }

            _state.CountPublished();
            sent++;
            if (!send.IsCompleted)
            {
                // Still being written: the payload buffer stays with that send, and the next one gets a new buffer.
                _payload = new ArrayBufferWriter<byte>(512);
            }
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
