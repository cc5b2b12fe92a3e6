using Gateway.Core.Telemetry;

namespace StoreBench;

/// <summary>An outbox under measurement: appends from one producer, one consumer acknowledging behind it.</summary>
internal interface IBenchOutbox : IDisposable
{
    /// <summary>Takes a record; false when the outbox pushes back (the producer retries).</summary>
    bool TryAppend(Reading reading);

    /// <summary>Records the consumer has acknowledged so far.</summary>
    long Acknowledged { get; }

    /// <summary>Waits until everything appended is written (not necessarily synced).</summary>
    void Flush();
}
