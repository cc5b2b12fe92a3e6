using System.Globalization;
using Gateway.Tests.Fakes.Cumulocity;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>
/// An emulated Uno running the real sketch, the gateway process, and the Cumulocity emulator in this
/// test process on a free loopback port, with the gateway's device user known to it. The local broker
/// uplink is off, so the gateway talks to Cumulocity only.
/// </summary>
internal sealed class CumulocityScenario : IAsyncDisposable
{
    public const string GatewayId = "gw-c8y";
    public const string User = "device_gw-c8y";
    public const string Password = "s3cret,\"quoted\"";

    private CumulocityScenario(Scenario scenario, CumulocityEmulator emulator)
    {
        Scenario = scenario;
        Emulator = emulator;
    }

    public Scenario Scenario { get; }

    public CumulocityEmulator Emulator { get; }

    public GatewayProcess? Gateway { get; private set; }

    public static async Task<CumulocityScenario> StartAsync(bool tls = false)
    {
        var emulator = await CumulocityEmulator.StartAsync(new CumulocityEmulatorOptions
        {
            DeviceUsers = new Dictionary<string, string> { [User] = Password },
            DefaultTimeout = TimeSpan.FromSeconds(30),
            EnableTls = tls,
        });
        return new CumulocityScenario(new Scenario(GatewayId), emulator);
    }

    /// <summary>The child id of a board.</summary>
    public static string ChildOf(string boardId) => $"{GatewayId}:{boardId}";

    public Task<EmulatedBoard> StartBoardAsync(int millivoltsA0 = 750) =>
        Scenario.StartBoardAsync("uno", new Dictionary<int, int> { [0] = millivoltsA0, [1] = 2500 });

    /// <summary>Starts the gateway against the emulator with basic authentication from a 0600 credentials file.</summary>
    public GatewayProcess StartGateway(string port, params string[] extra) => StartGatewayWith(port, BasicAuthentication(), extra);

    /// <summary>Starts the gateway against the emulator with the given authentication settings.</summary>
    public GatewayProcess StartGatewayWith(string port, IEnumerable<string> authentication, params string[] extra)
    {
        var args = new List<string>
        {
            "--id", GatewayId, "--data", Scenario.DataDirectory, "--serial", port,
            "--set", "Mqtt:Enabled=false",
            "--set", "Serial:ReopenMaxMs=1000",
            "--set", "Cumulocity:Enabled=true",
            "--set", $"Cumulocity:Host={CumulocityEmulator.Host}",
            "--set", "Cumulocity:ReconnectMinMs=200",
            "--set", "Cumulocity:ReconnectMaxMs=1000",
        };
        foreach (var setting in authentication.Concat(extra))
        {
            args.Add("--set");
            args.Add(setting);
        }

        Gateway = Scenario.Track(GatewayProcess.Start(Scenario.Directory, args));
        return Gateway;
    }

    /// <summary>Writes a file only its owner may read.</summary>
    public string PrivateFile(string name, string content)
    {
        var path = Scenario.Directory.File(name);
        File.WriteAllText(path, content);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private List<string> BasicAuthentication()
    {
        var credentials = PrivateFile("c8y-credentials", $"tenant={Emulator.Tenant}\nuser={User}\npassword={Password}\n");
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"Cumulocity:Port={Emulator.Port}"),
            "Cumulocity:Tls:Enabled=false",
            $"Cumulocity:CredentialsFile={credentials}",
        ];
    }

    /// <summary>Waits for the board's child to be registered and returns it.</summary>
    public async Task<EmulatedDevice> ChildAsync()
    {
        EmulatedDevice? child = null;
        await Emulator.WaitForAsync(
            () => (child = Emulator.FindDevice(GatewayId)?.Children.Select(Emulator.FindDevice).FirstOrDefault(c => c?.Firmware is not null)) is not null,
            what: "the board's child with its firmware" + Environment.NewLine + Gateway?.Output);
        return child!;
    }

    public async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
