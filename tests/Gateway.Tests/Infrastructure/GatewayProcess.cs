namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway executable as a child process, configured on its command line; stopped by PID.
/// A test can kill it with SIGKILL and start it again on the same data directory.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly ChildProcess _process;

    private GatewayProcess(ChildProcess process) => _process = process;

    public int Pid => _process.Pid;

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public ChildProcess Process => _process;

    /// <summary>Starts <c>gateway run</c> with the given arguments (no configuration file of the machine is read).</summary>
    public static GatewayProcess Start(TempDirectory directory, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var config = directory.File("gateway.json");
        if (!File.Exists(config))
        {
            File.WriteAllText(config, "{}");
        }

        var env = new Dictionary<string, string>
        {
            ["DOTNET_gcServer"] = "0",
            ["GATEWAY_Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = ChildProcess.Start("gateway", Repo.GatewayExecutable, ["run", "--config", config, .. args], env);
        return new GatewayProcess(process);
    }

    public Task<string> WaitForLogAsync(string fragment, TimeSpan timeout, int from = 0) =>
        _process.WaitForLineAsync(l => l.Contains(fragment, StringComparison.Ordinal), timeout, from);

    /// <summary>
    /// Waits until the gateway has opened a serial port, and a little more: bytes that arrive within the first
    /// few milliseconds after opening are taken as stale (the first line is dropped, ADR 0001).
    /// </summary>
    public async Task WaitForPortOpenedAsync(TimeSpan timeout)
    {
        await WaitForLogAsync(" opened at ", timeout);
        await Task.Delay(100);
    }

    public void Kill9() => _process.Kill9();

    public async Task<int> StopAsync()
    {
        _process.Signal(Posix.SigTerm);
        return await _process.WaitForExitAsync(TimeSpan.FromSeconds(15));
    }

    public void Dispose() => _process.Dispose();
}
