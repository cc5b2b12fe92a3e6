using System.Diagnostics;
using System.Globalization;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>
/// kill -9 at random moments: after each kill, every reading the child had handed to <c>write()</c> must still be
/// in the store — readable by the consumer, or acknowledged by it before the kill — and its last seq known.
/// Acknowledgements are saved with the writer's commits, so a kill loses only those made after the last save: the
/// ones that come again are the newest, never an older one behind a kept one.
/// </summary>
[Collection(MemoryMeasured.Name)]
public class CrashTests
{
    private const int Kills = 6;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Records_handed_to_write_survive_kill_9_and_only_the_newest_acknowledgements_are_lost()
    {
        using var directory = new TempDirectory();
        var random = new Random();
        var acknowledged = new HashSet<uint>();
        var written = 0u;
        var kept = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var after = TimeSpan.FromMilliseconds(random.Next(300, 1500));

            // On the thread pool: the child's output must be drained whatever else the test runner is busy with.
            var run = await Task.Run(() => RunAndKillAsync(directory.Path, after), TestContext.Current.CancellationToken);
            Assert.True(run.Written > written, $"kill {kill}: the child made no progress ({run.Written})");
            written = run.Written;
            acknowledged.UnionWith(run.Acknowledged);

            using var store = Open(directory.Path, CrashChild.StoreOptions(), consumers: [CrashChild.Consumer]);
            var notices = Notices(store);
            Assert.True(store.TryGetLastSeq(Device, out _, out var last));
            Assert.True(last >= written, $"kill {kill}: last seq {last} but seq {written} was written");
            var present = Seqs(Drain(store.OpenCursor(CrashChild.Consumer)));
            Assert.True(present.SequenceEqual(present.Order()) && present.Distinct().Count() == present.Count, $"kill {kill}: replay out of order");
            var held = present.ToHashSet();
            var missing = Range(1, written).Where(s => !held.Contains(s) && !acknowledged.Contains(s)).ToList();
            Assert.True(missing.Count == 0, $"kill {kill}: {missing.Count} written but neither readable nor acknowledged: {string.Join(", ", missing.Take(5))}; " +
                $"{string.Join("; ", Taken(notices).Select(n => n.Message))}; files {string.Join(" ", SegmentFiles(directory.Path).Select(Path.GetFileName))}");
            var again = run.Acknowledged.Count(held.Contains);
            kept += run.Acknowledged.Count() - again;

            // Each line is printed, then acknowledged in its order: after the first line with a lost acknowledgement, none is kept.
            var firstLost = run.AckLines.FindIndex(line => line.Any(held.Contains));
            var keptLater = firstLost < 0 ? [] : run.AckLines.Skip(firstLost + 1).SelectMany(line => line).Where(s => !held.Contains(s)).Take(5).ToList();
            Assert.True(keptLater.Count == 0, $"kill {kill}: acknowledgements kept after a lost one (line {firstLost} of {run.AckLines.Count}): {string.Join(", ", keptLater)}");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"kill {kill} after {run.After.TotalMilliseconds} ms: written through {written}, last seq {last}, {present.Count} to replay, {run.Acknowledged.Count()} acknowledged in this run of which {again} come again");
        }

        Assert.True(kept > 0, "no acknowledgement survived any kill");
    }

    private static async Task<ChildRun> RunAndKillAsync(string directory, TimeSpan after)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var testBinary = typeof(CrashTests).Assembly.Location;
        var host = Path.ChangeExtension(testBinary, null);
        if (File.Exists(host))
        {
            start.FileName = host;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(testBinary);
        }

        start.Environment[CrashChild.Variable] = directory;
        using var child = Process.Start(start)!;
        try
        {
            var errors = child.StandardError.ReadToEndAsync();

            // The random delay counts from the child's first line: on a loaded machine starting it can take longer than the delay.
            var first = await child.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
            if (first is null || !first.StartsWith("R ", StringComparison.Ordinal))
            {
                var exited = child.WaitForExit(TimeSpan.FromSeconds(5));
                Assert.Fail($"the child did not start: {first} {(exited ? await errors.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false) : "(still running)")}");
            }

            var run = ReadAsync(child.StandardOutput, after);
            await Task.Delay(after).ConfigureAwait(false);
            child.Kill();
            await child.WaitForExitAsync().WaitAsync(ExitTimeout).ConfigureAwait(false);
            return await run.WaitAsync(ExitTimeout).ConfigureAwait(false);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    /// <summary>Parses each line as it comes, until the child's standard output closes (when it is killed).</summary>
    private static async Task<ChildRun> ReadAsync(StreamReader output, TimeSpan after)
    {
        var run = new ChildRun(after);
        while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || (fields[0] != "W" && fields[0] != "A") || !fields.Skip(1).All(f => uint.TryParse(f, CultureInfo.InvariantCulture, out _)))
            {
                continue;
            }

            var numbers = fields.Skip(1).Select(f => uint.Parse(f, CultureInfo.InvariantCulture));
            if (fields[0] == "W")
            {
                run.Written = Math.Max(run.Written, numbers.Single());
            }
            else
            {
                run.AckLines.Add([.. numbers]);
            }
        }

        return run;
    }

    private sealed class ChildRun(TimeSpan after)
    {
        public TimeSpan After { get; } = after;

        public uint Written { get; set; }

        /// <summary>The acknowledgements, one array per line the child printed, in its order.</summary>
        public List<uint[]> AckLines { get; } = [];

        public IEnumerable<uint> Acknowledged => AckLines.SelectMany(line => line);
    }
}
