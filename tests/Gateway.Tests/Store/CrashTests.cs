using System.Diagnostics;
using System.Globalization;
using static Gateway.Tests.Store.StoreKit;

namespace Gateway.Tests.Store;

/// <summary>
/// kill -9 at random moments: after each kill, every reading the child had handed to <c>write()</c> must still be
/// in the store — readable by the consumer, or acknowledged by it before the kill — and its last seq known.
/// </summary>
public class CrashTests
{
    private const int Kills = 6;

    [Fact]
    public async Task Records_handed_to_write_survive_kill_9_and_acknowledgements_are_mostly_kept()
    {
        using var directory = new TempDirectory();
        var random = new Random();
        var acknowledged = new HashSet<uint>();
        var written = 0u;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var after = TimeSpan.FromMilliseconds(random.Next(300, 1500));

            // On the thread pool: the child's output must be drained whatever else the test runner is busy with.
            var run = await Task.Run(() => RunAndKillAsync(directory.Path, after), TestContext.Current.CancellationToken);
            Assert.True(run.Written > written, $"kill {kill}: the child made no progress ({run.Written})");
            written = run.Written;
            acknowledged.UnionWith(run.Acknowledged);

            using var store = Open(directory.Path, CrashChild.StoreOptions());
            Assert.True(store.TryGetLastSeq(Device, out _, out var last));
            Assert.True(last >= written, $"kill {kill}: last seq {last} but seq {written} was written");
            var present = Seqs(Drain(store.OpenCursor(CrashChild.Consumer)));
            Assert.True(present.SequenceEqual(present.Order()) && present.Distinct().Count() == present.Count, $"kill {kill}: replay out of order");
            var held = present.ToHashSet();
            var missing = Range(1, written).Where(s => !held.Contains(s) && !acknowledged.Contains(s)).Take(5).ToList();
            Assert.True(missing.Count == 0, $"kill {kill}: written but neither readable nor acknowledged: {string.Join(", ", missing)}");
            var again = run.Acknowledged.Count(held.Contains);
            Assert.True(again <= Math.Max(1000, run.Acknowledged.Count / 2), $"kill {kill}: {again} of {run.Acknowledged.Count} acknowledgements were lost");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"kill {kill} after {run.After.TotalMilliseconds} ms: written through {written}, last seq {last}, {present.Count} to replay, {run.Acknowledged.Count} acknowledged in this run of which {again} come again");
        }
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
            var lines = child.StandardOutput.ReadToEndAsync();
            await Task.Delay(after).ConfigureAwait(false);
            child.Kill();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var output = await lines.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            Assert.True(output.StartsWith("R ", StringComparison.Ordinal), $"the child did not start: {output[..Math.Min(200, output.Length)]} {await errors.ConfigureAwait(false)}");
            return Parse(output, after);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    private static ChildRun Parse(string output, TimeSpan after)
    {
        var run = new ChildRun(after);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
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
                run.Acknowledged.AddRange(numbers);
            }
        }

        return run;
    }

    private sealed class ChildRun(TimeSpan after)
    {
        public TimeSpan After { get; } = after;

        public uint Written { get; set; }

        public List<uint> Acknowledged { get; } = [];
    }
}
