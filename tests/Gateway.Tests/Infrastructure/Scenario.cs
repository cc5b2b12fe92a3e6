namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The parts of an end-to-end test, created on demand and all stopped on dispose: a temp directory, a
/// Mosquitto, a probe subscribed to the gateway's topics, emulated boards and the gateway process.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly List<IDisposable> _disposables = [];
    private readonly List<MqttProbe> _probes = [];

    public Scenario(string gatewayId = "gw-test")
    {
        GatewayId = gatewayId;
        Directory = new TempDirectory();
    }

    public string GatewayId { get; }

    public TempDirectory Directory { get; }

    public MosquittoBroker? Broker { get; private set; }

    public string DataDirectory => Directory.File("data");

    public string Root => $"gateway/{GatewayId}";

    public async Task<MosquittoBroker> StartBrokerAsync(bool persistence = false)
    {
        Broker = Track(await MosquittoBroker.StartAsync(Directory, persistence));
        return Broker;
    }

    public async Task<MqttProbe> ProbeAsync(params string[] filters)
    {
        var probe = await MqttProbe.ConnectAsync(Broker!.Host, Broker.Port, filters.Length > 0 ? filters : [$"{Root}/#"]);
        _probes.Add(probe);
        return probe;
    }

    public Task<EmulatedBoard> StartBoardAsync(string name, IReadOnlyDictionary<int, int>? millivolts = null, IEnumerable<string>? extraArgs = null) =>
        TrackAsync(EmulatedBoard.StartAsync(Directory.File(name), Directory.File(name + ".eeprom"), millivolts, extraArgs: extraArgs));

    public PseudoTerminal OpenPty(string name) => Track(PseudoTerminal.Open(Directory.File(name)));

    /// <summary>Starts the gateway on the broker with the given ports and extra arguments.</summary>
    public GatewayProcess StartGateway(IEnumerable<string> serialPorts, params string[] extraArgs)
    {
        var args = new List<string> { "--id", GatewayId, "--data", DataDirectory, "--mqtt", Broker!.Endpoint };
        foreach (var port in serialPorts)
        {
            args.Add("--serial");
            args.Add(port);
        }

        args.AddRange(["--set", "Serial:ReopenMaxMs=1000", "--set", "Mqtt:ReconnectMaxMs=1000"]);
        args.AddRange(extraArgs);
        return Track(GatewayProcess.Start(Directory, args));
    }

    public T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var probe in _probes)
        {
            await probe.DisposeAsync();
        }

        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            _disposables[i].Dispose();
        }

        // Shown with a failing test (and kept in the test results): what each gateway logged, last part.
        foreach (var gateway in _disposables.OfType<GatewayProcess>())
        {
            var lines = gateway.Output.Split('\n');
            TestContext.Current.TestOutputHelper?.WriteLine($"--- gateway output (last {Math.Min(lines.Length, 150)} of {lines.Length} lines) ---");
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines[Math.Max(0, lines.Length - 150)..]));
        }

        foreach (var board in _disposables.OfType<EmulatedBoard>())
        {
            var lines = board.Process.Lines();
            TestContext.Current.TestOutputHelper?.WriteLine($"--- {board.Process.Name} output (last {Math.Min(lines.Count, 60)} of {lines.Count} lines) ---");
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines.Skip(Math.Max(0, lines.Count - 60))));
        }

        Directory.Dispose();
    }

    private async Task<T> TrackAsync<T>(Task<T> starting)
        where T : IDisposable => Track(await starting);
}
