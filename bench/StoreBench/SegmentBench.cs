using Gateway.Configuration;
using Gateway.Core.Telemetry;
using Gateway.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace StoreBench;

/// <summary>The gateway's <see cref="SegmentOutbox"/> with a consumer thread reading and acknowledging everything.</summary>
internal sealed class SegmentBench : IBenchOutbox
{
    private readonly SegmentOutbox _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _consumer;
    private long _acknowledged;

    public SegmentBench(string directory, StoreSyncMode sync)
    {
        var options = new StoreOptions { Sync = sync, MaxBytes = 1L << 34, MaxAgeHours = 0 };
        _store = new SegmentOutbox(directory, options, [OutboxConsumers.Mqtt], TimeProvider.System, NullLogger<SegmentOutbox>.Instance);
        var cursor = _store.OpenCursor(OutboxConsumers.Mqtt);
        _consumer = new Thread(() => Consume(cursor)) { IsBackground = true, Name = "consumer" };
        _consumer.Start();
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public bool TryAppend(Reading reading) => _store.TryAppend(reading);

    public void Flush() => _store.Flush(TimeSpan.FromMinutes(5));

    public void Dispose()
    {
        _stop.Cancel();
        _consumer.Join();
        _store.Dispose();
        _stop.Dispose();
    }

    private void Consume(IOutboxCursor cursor)
    {
        try
        {
            while (true)
            {
                cursor.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
                while (cursor.TryRead(out var entry))
                {
                    cursor.Acknowledge(entry.Id);
                    Interlocked.Increment(ref _acknowledged);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
