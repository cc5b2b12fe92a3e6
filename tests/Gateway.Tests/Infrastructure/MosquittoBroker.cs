namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto on a free 127.0.0.1 port, configured per test; stopped by PID on dispose. It can be
/// stopped (SIGTERM, which saves its persistence) and started again on the same port.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly TempDirectory _directory;
    private readonly string _config;
    private ChildProcess? _process;
    private int _starts;

    private MosquittoBroker(TempDirectory directory, int port, bool persistence, string extraConfig)
    {
        _directory = directory;
        Port = port;
        _config = directory.File($"mosquitto-{port}.conf");
        var data = Directory.CreateDirectory(directory.File($"mosquitto-{port}-data")).FullName;
        File.WriteAllText(_config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            user {Environment.UserName}
            persistence {(persistence ? "true" : "false")}
            persistence_location {data}/
            autosave_interval 1
            max_queued_messages 0
            max_queued_bytes 0
            max_inflight_messages 0
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            {extraConfig}

            """);
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string Endpoint => $"{Host}:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public string Log => _process?.Output ?? string.Empty;

    public static async Task<MosquittoBroker> StartAsync(TempDirectory directory, bool persistence = false, string extraConfig = "")
    {
        var broker = new MosquittoBroker(directory, FreePort.Next(), persistence, extraConfig);
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is running already.");
        }

        _process?.Dispose();
        _starts++;
        _process = ChildProcess.Start($"mosquitto#{_starts}", "mosquitto", ["-c", _config]);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(10));
    }

    /// <summary>A clean stop (SIGTERM): Mosquitto saves its persistent state.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Signal(Posix.SigTerm);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        _ = _directory;
    }
}
