using System.Text;

namespace Gateway.Uplink.Cumulocity;

/// <summary>One control publish: operation status, events, inventory updates. Completes on its PUBACK.</summary>
internal sealed class ControlMessage
{
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ControlMessage(string topic, string payload)
    {
        Topic = topic;
        Payload = Encoding.UTF8.GetBytes(payload);
        Text = payload;
    }

    /// <summary>Where it goes.</summary>
    public string Topic { get; }

    /// <summary>The UTF-8 payload.</summary>
    public byte[] Payload { get; }

    /// <summary>The payload as text, for logs.</summary>
    public string Text { get; }

    /// <summary>Completes when the broker has acknowledged it; cancelled when it was dropped.</summary>
    public Task Delivered => _delivered.Task;

    public void MarkDelivered() => _delivered.TrySetResult();

    public void MarkDropped() => _delivered.TrySetCanceled();
}

/// <summary>
/// Control traffic towards Cumulocity, in the order it was queued (a <c>501</c> always precedes its
/// <c>503</c>), kept across reconnects until each message is acknowledged. It never waits behind
/// telemetry: the session sends it on its own loop. Bounded: beyond <see cref="Capacity"/> the oldest
/// message is dropped (and counted). Held in memory; what must survive a restart (operations in progress)
/// is in <see cref="Operations.OperationJournal"/>.
/// </summary>
internal sealed class ControlQueue
{
    /// <summary>Messages held at most.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _lock = new();
    private readonly LinkedList<ControlMessage> _messages = new();
    private TaskCompletionSource _available = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Messages dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Messages waiting.</summary>
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

    /// <summary>Queues <paramref name="payload"/> for <paramref name="topic"/>; the message completes on its PUBACK.</summary>
    public ControlMessage Enqueue(string topic, string payload)
    {
        var message = new ControlMessage(topic, payload);
        ControlMessage? dropped = null;
        lock (_lock)
        {
            if (_messages.Count >= Capacity)
            {
                dropped = _messages.First!.Value;
                _messages.RemoveFirst();
                Dropped++;
            }

            _messages.AddLast(message);
            _available.TrySetResult();
        }

        dropped?.MarkDropped();
        return message;
    }

    /// <summary>The oldest message, without removing it; waits while there is none.</summary>
    public async Task<ControlMessage> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_messages.First is { } first)
                {
                    return first.Value;
                }

                if (_available.Task.IsCompleted)
                {
                    _available = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wait = _available.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Removes <paramref name="message"/> without sending it (it can never be sent).</summary>
    public void Drop(ControlMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            _messages.Remove(message);
            Dropped++;
        }

        message.MarkDropped();
    }

    /// <summary>Removes <paramref name="message"/> after its PUBACK and completes it.</summary>
    public void Delivered(ControlMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            _messages.Remove(message);
        }

        message.MarkDelivered();
    }
}
