using System.Globalization;
using Gateway.Configuration;
using StoreBench;

// Segment log vs SQLite (WAL) as the gateway's outbox. Usage (see docs/adr/0003-store.md):
//   dotnet run -c Release --project bench/StoreBench -- [--seconds 5] [--steady-seconds 10] [--dir /path/on/the/target/disk]
var seconds = Option("--seconds", 5);
var steadySeconds = Option("--steady-seconds", 10);
var root = OptionText("--dir", Path.Combine(Path.GetTempPath(), $"storebench-{Environment.ProcessId}"));
Directory.CreateDirectory(root);
Console.WriteLine($"StoreBench: {Environment.ProcessorCount} CPU(s), .NET {Environment.Version}, directory {root} on {FileSystemOf(root)}");
var (nanoseconds, allocated) = AppendPath.Measure(Fresh("append"), 300_000);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TryAppend on the producer thread: {nanoseconds:F0} ns and {allocated:F1} bytes allocated per call (the record itself not counted)"));
Console.WriteLine();

var results = new List<RunResult>();
foreach (var sync in new[] { StoreSyncMode.EveryCommit, StoreSyncMode.Interval, StoreSyncMode.None })
{
    foreach (var (rate, duration) in new[] { (0, seconds), (1000, steadySeconds) })
    {
        results.Add(Workload.Run("segment", sync.ToString(), () => new SegmentBench(Fresh("segment"), sync), rate, TimeSpan.FromSeconds(duration)));
        Print(results[^1]);
        results.Add(Workload.Run("sqlite", sync.ToString(), () => new SqliteOutbox(Fresh("sqlite"), sync), rate, TimeSpan.FromSeconds(duration)));
        Print(results[^1]);
    }
}

Console.WriteLine();
Console.WriteLine("| engine | sync | rate | records | written rec/s | acked rec/s | write_bytes/record | per payload byte | cancelled/record |");
Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Engine} | {r.Sync} | {r.Rate} | {r.Records:N0} | {r.WrittenPerSecond:N0} | {r.AcknowledgedPerSecond:N0} | {r.BytesPerRecord:N0} | {r.BytesPerPayloadByte:N1} | {(double)r.Io.CancelledWriteBytes / r.Records:N0} |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"payload: {results[0].PayloadBytes:F1} bytes per record (the record's binary form)"));
Directory.Delete(root, recursive: true);

string Fresh(string name)
{
    var path = Path.Combine(root, $"{name}-{Guid.NewGuid():N}");
    Directory.CreateDirectory(path);
    return path;
}

static void Print(RunResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{r.Engine,-8} {r.Sync,-12} {r.Rate,-7} {r.Records,10:N0} records  {r.WrittenPerSecond,10:N0} written/s  {r.AcknowledgedPerSecond,10:N0} acked/s  {r.BytesPerRecord,8:N0} B/record  {r.BytesPerPayloadByte,6:N1} B/payload B"));

static string FileSystemOf(string path)
{
    var best = (Mount: "", Text: "unknown");
    foreach (var line in File.ReadLines("/proc/mounts"))
    {
        var fields = line.Split(' ');
        if (fields.Length > 2 && path.StartsWith(fields[1], StringComparison.Ordinal) && fields[1].Length > best.Mount.Length)
        {
            best = (fields[1], $"{fields[2]} ({fields[0]} at {fields[1]})");
        }
    }

    return best.Text;
}

int Option(string name, int fallback) => int.Parse(OptionText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
