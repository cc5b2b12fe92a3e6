using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Core.Framing;
using Gateway.Core.Telemetry;
using Gateway.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Store;

/// <summary>Stores in temporary directories, records with known sequence numbers, and ways to read them back.</summary>
internal static class StoreKit
{
    public const string Device = "3F9A2C71D04B8E15";

    /// <summary>Small segments so tests span several; no fsync (the tests kill nothing but processes).</summary>
    public static StoreOptions Options(Action<StoreOptions>? change = null)
    {
        var options = new StoreOptions
        {
            SegmentBytes = 16 * 1024,
            MaxBytes = 1L << 30,
            MaxAgeHours = 0,
            Sync = StoreSyncMode.None,
            CommitIntervalMs = 1,
            Preallocate = false,
            MaxPendingRecords = 1_000_000,
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>The consumer the tests declare unless they say otherwise.</summary>
    public const string Consumer = "a";

    /// <summary>Opens a store for <paramref name="consumers"/> (<see cref="Consumer"/> when null).</summary>
    public static SegmentOutbox Open(string directory, StoreOptions? options = null, TimeProvider? time = null, IReadOnlyList<string>? consumers = null,
        ILogger<SegmentOutbox>? logger = null) =>
        new(directory, options ?? Options(), consumers ?? [Consumer], time ?? TimeProvider.System, logger ?? NullLogger<SegmentOutbox>.Instance);

    /// <summary>A reading as a serial link makes it: three values, units from the hello.</summary>
    public static Reading Reading(uint seq, string device = Device, string boot = "0000002A", long? wallMs = null, bool trusted = true) =>
        new(device, boot, seq, new Stamp(wallMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Environment.TickCount64, trusted),
            [new SensorValue("temp", 21.5, "21.50"), new SensorValue("light", 40.1, "40.1"), new SensorValue("hum", 55, "55")], ["C", "%", "%"], checksummed: true);

    public static void Flush(SegmentOutbox store)
    {
        if (!store.Flush(TimeSpan.FromSeconds(30)))
        {
            var stats = store.GetStats();
            Assert.Fail($"the store did not write what it took in 30 s: {stats.Pending} pending, refusing {stats.Refusing}, last error {stats.LastError}");
        }
    }

    public static void AppendAll(IOutbox store, uint from, uint to, string device = Device)
    {
        for (var seq = from; seq <= to; seq++)
        {
            Assert.True(store.TryAppend(Reading(seq, device)));
        }
    }

    public static List<OutboxEntry> Drain(IOutboxCursor cursor)
    {
        var entries = new List<OutboxEntry>();
        while (cursor.TryRead(out var entry))
        {
            entries.Add(entry);
        }

        return entries;
    }

    public static List<uint> Seqs(IEnumerable<OutboxEntry> entries) => [.. entries.Select(e => e.Record.Seq)];

    public static List<uint> Range(uint from, uint to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (uint)i)];

    public static Channel<StoreNotice> Notices(IOutbox store)
    {
        var notices = Channel.CreateUnbounded<StoreNotice>();
        store.Subscribe(notices.Writer);
        return notices;
    }

    public static List<StoreNotice> Taken(Channel<StoreNotice> notices)
    {
        var taken = new List<StoreNotice>();
        while (notices.Reader.TryRead(out var notice))
        {
            taken.Add(notice);
        }

        return taken;
    }

    public static string[] SegmentFiles(string directory, OutboxLane lane = OutboxLane.Telemetry) =>
        [.. Directory.GetFiles(Path.Combine(directory, OutboxLanes.DirectoryName(lane)), "*.seg").Order(StringComparer.Ordinal)];

    /// <summary>Waits for a condition the writer thread brings about.</summary>
    public static void Eventually(Func<bool> condition, string what, int seconds = 10, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what} {state?.Invoke()}");
            Thread.Sleep(10);
        }
    }
}

/// <summary>A temporary directory, removed at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("outbox-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A tmpfs still mounted inside, or a file still open: left for the system's cleaner.
        }
    }
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
