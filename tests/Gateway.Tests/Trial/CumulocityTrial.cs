using System.Globalization;
using System.Text;
using Gateway.Tests.Fakes.Cumulocity;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Trial;

/// <summary>
/// Not a test: the Cumulocity emulator for trying the gateway by hand, without a tenant. It listens on
/// 127.0.0.1:<c>$C8Y_TRIAL_PORT</c> (default 18883) for <c>$C8Y_TRIAL_MINUTES</c> (default 30) and, in
/// <c>.build/c8y-trial/</c>, writes <c>credentials</c> (mode 0600) and <c>gateway.json</c> to run the
/// gateway with, keeps <c>state.txt</c> current (devices, measurements, alarms, events, operations), and
/// creates an operation for every line appended to <c>operations</c>, e.g. <c>518,gw-1:3F9A…,CLOSED</c>.
/// Run it with <c>dotnet run --project tests/Gateway.Tests -c Release -- -method "*CumulocityTrial*" -explicit only</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CumulocityTrial
{
    [Fact(Explicit = true)]
    public async Task Run_the_emulator_for_a_manual_trial()
    {
        var port = int.Parse(Environment.GetEnvironmentVariable("C8Y_TRIAL_PORT") ?? "18883", CultureInfo.InvariantCulture);
        var minutes = double.Parse(Environment.GetEnvironmentVariable("C8Y_TRIAL_MINUTES") ?? "30", CultureInfo.InvariantCulture);
        var directory = Path.Combine(Repo.Root, ".build", "c8y-trial");
        Directory.CreateDirectory(directory);
        await using var emulator = await CumulocityEmulator.StartAsync(new CumulocityEmulatorOptions
        {
            Port = port,
            DeviceUsers = new Dictionary<string, string> { ["device_trial"] = "trial-password" },
        });
        var credentials = Path.Combine(directory, "credentials");
        File.WriteAllText(credentials, $"tenant={emulator.Tenant}\nuser=device_trial\npassword=trial-password\n");
        File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(directory, "gateway.json"), $$"""
            {
              "Mqtt": { "Enabled": false },
              "Cumulocity": {
                "Enabled": true,
                "Host": "127.0.0.1",
                "Port": {{port}},
                "Tls": { "Enabled": false },
                "CredentialsFile": "{{credentials}}",
                "Thresholds": [ { "Sensor": "temp", "Above": 30, "Hysteresis": 1, "Severity": "MAJOR" } ]
              }
            }
            """);
        var requests = Path.Combine(directory, "operations");
        File.WriteAllText(requests, string.Empty);
        Console.Error.WriteLine($"Cumulocity emulator on 127.0.0.1:{port}; run: gateway run --config {directory}/gateway.json --serial <port> --data /tmp/gw");
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        var done = 0;
        while (DateTime.UtcNow < deadline && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            var lines = File.ReadAllLines(requests);
            for (; done < lines.Length; done++)
            {
                var fields = lines[done].Split(',');
                if (fields.Length >= 2)
                {
                    try
                    {
                        emulator.CreateOperation(fields[1], fields[0], fields[2..]);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                    {
                        Console.Error.WriteLine($"operation '{lines[done]}': {e.Message}");
                    }
                }
            }

            File.WriteAllText(Path.Combine(directory, "state.txt"), Describe(emulator));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    private static string Describe(CumulocityEmulator emulator)
    {
        var text = new StringBuilder();
        foreach (var device in emulator.Devices)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{device} connection={device.ConnectionStatus} operations=[{string.Join(',', device.SupportedOperations)}] firmware={device.Firmware} relay={device.RelayState}");
            foreach (var m in device.Measurements.TakeLast(3))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  measurement {m.Time:O} {string.Join(' ', m.Series.Select(s => $"{s.Fragment}.{s.Series}={s.Value}{s.Unit}"))}");
            }

            foreach (var a in device.Alarms)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  alarm {a}");
            }

            foreach (var e in device.Events.TakeLast(5))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  event {e.Time:O} {e.Type}: {e.Text}");
            }

            foreach (var o in device.Operations)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  operation {o} {o.FailureReason}");
            }
        }

        foreach (var v in emulator.Violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"VIOLATION {v}");
        }

        return text.ToString();
    }
}
