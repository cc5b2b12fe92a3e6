using System.Globalization;

namespace StoreBench;

/// <summary>
/// The process's I/O counters from <c>/proc/self/io</c>. <c>write_bytes</c> counts a page each time a clean page
/// is dirtied (so every fsync makes the next small write cost a whole page again); <c>cancelled_write_bytes</c>
/// counts dirty pages dropped before they reached the disk (a file deleted or truncated first).
/// </summary>
internal readonly record struct ProcIo(long WriteBytes, long CancelledWriteBytes, long WriteCalls)
{
    public static ProcIo Read()
    {
        long write = 0;
        long cancelled = 0;
        long calls = 0;
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            var parts = line.Split(':', StringSplitOptions.TrimEntries);
            var value = long.Parse(parts[1], CultureInfo.InvariantCulture);
            switch (parts[0])
            {
                case "write_bytes":
                    write = value;
                    break;
                case "cancelled_write_bytes":
                    cancelled = value;
                    break;
                case "syscw":
                    calls = value;
                    break;
            }
        }

        return new ProcIo(write, cancelled, calls);
    }

    public static ProcIo operator -(ProcIo after, ProcIo before) =>
        new(after.WriteBytes - before.WriteBytes, after.CancelledWriteBytes - before.CancelledWriteBytes, after.WriteCalls - before.WriteCalls);
}
