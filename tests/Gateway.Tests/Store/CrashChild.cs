using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gateway.Configuration;
using Gateway.Store;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>
/// The process <see cref="CrashTests"/> kills: the test binary started again with <see cref="Variable"/> naming
/// a store directory. It appends numbered readings as fast as it can, reads and acknowledges them out of order,
/// and reports on standard output — <c>W n</c>: every reading up to seq n has been handed to <c>write()</c>;
/// <c>A n…</c>: these are acknowledged next, in this order — until it is killed. It runs inside the module initializer, on that one
/// thread: any other thread entering this assembly would wait for the initializer to finish (the store's own
/// writer thread runs in the gateway's assembly and is not held).
/// </summary>
internal static class CrashChild
{
    public const string Variable = "GATEWAY_OUTBOX_CRASH_CHILD";
    public const string Consumer = "uplink";

    /// <summary>Runs before the test runner when the variable is set, and never returns then.</summary>
    [ModuleInitializer]
    internal static void RunWhenAsked()
    {
        var directory = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(directory))
        {
            Environment.Exit(Run(directory));
        }
    }

    /// <summary>The store as the child runs it: the default sync policy, segments small enough to roll often.</summary>
    public static StoreOptions StoreOptions() => Options(o =>
    {
        o.Sync = StoreSyncMode.Interval;
        o.SegmentBytes = 64 * 1024;
        o.CommitIntervalMs = 2;
        o.MaxPendingRecords = 20_000;
    });

    private static int Run(string directory)
    {
        var output = Console.Out;
        var random = new Random();
        using var store = Open(directory, StoreOptions(), consumers: [Consumer]);
        var cursor = store.OpenCursor(Consumer);
        var first = store.TryGetLastSeq(Device, out _, out var last) ? last + 1 : 1;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"R {first}"));
        var seq = first;
        var reported = 0L;
        var window = new List<OutboxEntry>();
        for (var deadline = Environment.TickCount64 + 60_000; Environment.TickCount64 < deadline;)
        {
            for (var i = 0; i < 64 && store.TryAppend(Reading(seq)); i++)
            {
                seq++;
            }

            var written = store.WrittenRecords;
            if (written != reported)
            {
                reported = written;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"W {first + written - 1}"));
            }

            while (window.Count < 8 && cursor.TryRead(out var entry))
            {
                window.Add(entry);
            }

            // Said before it is done: a kill between the two must not leave an acknowledgement the test never heard of.
            random.Shuffle(CollectionsMarshal.AsSpan(window));
            if (window.Count > 0)
            {
                output.WriteLine("A " + string.Join(' ', window.Select(e => e.Record.Seq.ToString(CultureInfo.InvariantCulture))));
            }

            foreach (var entry in window)
            {
                cursor.Acknowledge(entry.Id);
            }

            window.Clear();
        }

        return 3;
    }
}
