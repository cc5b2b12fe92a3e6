using System.Buffers;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Telemetry;
using Gateway.Logging;
using Gateway.Store;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// Moving records from the outbox to the broker. Whoever has news sends: the thread that committed records
/// to the store (a port's reader, or the store's writer) right after the commit, and this session's send
/// loop when a PUBACK frees a slot in a full window or a second passes without news. One of them sends at a
/// time (<see cref="SendNow"/>); one that finds another at work asks it to look again and goes on. The
/// socket's own thread only signals: it never sends, so a PUBACK never waits on a send.
/// </summary>
internal sealed partial class MqttUplinkService : IMqttLinkObserver
{
    private const int Idle = 0;
    private const int Sending = 1;
    private const int SendingAskedAgain = 2;
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SenderStopTimeout = TimeSpan.FromSeconds(5);
    private readonly WakeSignal _wake = new();
    private ArrayBufferWriter<byte> _payload = new(512);
    private MqttLink? _pumping;
    private OutboxEntry? _held;
    private int _waitingForWindow;
    private int _sender;

    public void PublishAcknowledged(long token)
    {
        _cursor!.Acknowledge(token);
        _state.CountAcknowledged();
    }

    /// <summary>
    /// A PUBACK freed a slot. The loop needs to hear of it only if sending stopped for want of one, and then
    /// once half the window is free: a full window under load then costs one wake-up per half window of
    /// PUBACKs, not one per PUBACK (a port that commits meanwhile fills the slots itself).
    /// </summary>
    public void WindowOpened()
    {
        if (Volatile.Read(ref _waitingForWindow) == 1 && Volatile.Read(ref _pumping) is { } link && link.InFlight * 2 <= _options.MaxInFlight)
        {
            _wake.Set();
        }
    }

    public void MessageReceived(MqttPublishPacket message) => OnMessage(message);

    /// <summary>
    /// Starts sending the outbox on <paramref name="link"/>, from the oldest record it has not acknowledged:
    /// records are sent by the thread that commits them, and by a send loop on a thread of its own.
    /// </summary>
    private Task StartPumping(MqttLink link, CancellationToken cancellationToken)
    {
        _held = null;
        _cursor!.Rewind();
        Volatile.Write(ref _pumping, link);
        _cursor.SetReadableCallback(OnReadable);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                PumpOutbox(link, cancellationToken);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "mqtt-send",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// Stops sending; records sent and not acknowledged are sent again on the next link. Returns once no thread
    /// is sending any more (a send only starts publishes, it never waits for the broker), so the next session
    /// may rewind the cursor.
    /// </summary>
    private void StopPumping()
    {
        _cursor!.SetReadableCallback(null);
        Volatile.Write(ref _pumping, null);
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref _sender) == Idle, SenderStopTimeout))
        {
            Log.SenderStillBusy(_logger, Name, (int)SenderStopTimeout.TotalSeconds);
        }
    }

    /// <summary>The store committed records: send them on this thread, now.</summary>
    private void OnReadable()
    {
        if (Volatile.Read(ref _pumping) is { } link)
        {
            SendNow(link);
        }
    }

    /// <summary>The send loop: what a full window or a missed chance left behind.</summary>
    private void PumpOutbox(MqttLink link, CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.UnsafeRegister(static wake => ((WakeSignal)wake!).Set(), _wake);
        while (!link.Closed.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            SendNow(link);
            _wake.Wait(IdleRecheck);
        }
    }

    /// <summary>
    /// Sends what the cursor has, unless another thread is sending: then it is asked to look again before it
    /// stops, so what this caller came to send is never left waiting.
    /// </summary>
    private void SendNow(MqttLink link)
    {
        while (true)
        {
            var state = Interlocked.CompareExchange(ref _sender, Sending, Idle);
            if (state == Idle)
            {
                break;
            }

            if (state == SendingAskedAgain || Interlocked.CompareExchange(ref _sender, SendingAskedAgain, Sending) == Sending)
            {
                return;
            }
        }

        while (true)
        {
            // A thread that took the link before the session ended sends nothing on it.
            if (Volatile.Read(ref _pumping) == link)
            {
                SendQuietly(link);
            }

            if (Interlocked.CompareExchange(ref _sender, Idle, Sending) == Sending)
            {
                return;
            }

            // Asked again while sending (only the sender leaves that state): look again.
            Volatile.Write(ref _sender, Sending);
        }
    }

    private void SendQuietly(MqttLink link)
    {
        try
        {
            Send(link);
        }
        catch (Exception e) when (link.Closed.IsCompleted)
        {
            // The link is broken: its Closed task ends the session, and the next one rewinds.
            Log.DrainStopped(_logger, Name, e.Message);
        }
        catch (OperationCanceledException)
        {
            // The session is ending.
        }
        catch (Exception e)
        {
            // Not the link: a fault reading the outbox. Say so; the next round tries again.
            Log.DrainFailed(_logger, Name, e);
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
