using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>The readable callback an uplink drains from: records written before and after it is set.</summary>
public class ReadableCallbackTests
{
    [Fact]
    public void A_record_written_before_the_consumer_starts_is_read_after_a_rewind_and_later_ones_ring_the_callback()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, consumers: [OutboxConsumers.Mqtt]);
        var cursor = store.OpenCursor(OutboxConsumers.Mqtt);
        AppendAll(store, 1, 1);
        Flush(store);

        cursor.Rewind();
        var read = ReadAlong(cursor);

        Assert.Equal([1u], read);
        AppendAll(store, 2, 2);
        Eventually(() => { lock (read) { return read.Count == 2; } }, "the callback reads the next record");
        Assert.Equal([1u, 2u], read);
    }

    [Fact]
    public void A_record_appended_but_not_yet_written_at_the_rewind_is_read_once_written()
    {
        using var directory = new TempDirectory();
        using var store = Open(directory.Path, Options(o => o.CommitIntervalMs = 200), consumers: [OutboxConsumers.Mqtt]);
        var cursor = store.OpenCursor(OutboxConsumers.Mqtt);
        AppendAll(store, 1, 1);
        cursor.Rewind();
        var read = ReadAlong(cursor);

        Eventually(() => { lock (read) { return read.Count == 1; } }, "the record is read once written");
    }

    /// <summary>Reads what the cursor has now and, from the callback, whatever becomes readable later.</summary>
    private static List<uint> ReadAlong(IOutboxCursor cursor)
    {
        var read = new List<uint>();
        cursor.SetReadableCallback(() =>
        {
            lock (read)
            {
                read.AddRange(Seqs(Drain(cursor)));
            }
        });
        lock (read)
        {
            read.AddRange(Seqs(Drain(cursor)));
        }

        return read;
    }
}
