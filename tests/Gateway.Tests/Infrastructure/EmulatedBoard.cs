using System.Globalization;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// An Arduino Uno emulated by <c>firmware/build/avr-board</c>, running the real sketch. Its serial port
/// is a pseudo-terminal at <see cref="PortPath"/>; a test sets analog voltages and digital inputs and sees
/// the digital outputs change. Its EEPROM file keeps its identity across restarts.
/// </summary>
public sealed class EmulatedBoard : IDisposable
{
    private readonly ChildProcess _process;

    private EmulatedBoard(ChildProcess process, string portPath, string ptyPath, string eepromPath)
    {
        _process = process;
        PortPath = portPath;
        PtyPath = ptyPath;
        EepromPath = eepromPath;
    }

    /// <summary>The link the gateway opens.</summary>
    public string PortPath { get; }

    /// <summary>The pseudo-terminal the link points at, as the runner announced it.</summary>
    public string PtyPath { get; }

    public string EepromPath { get; }

    public int Pid => _process.Pid;

    public ChildProcess Process => _process;

    public static async Task<EmulatedBoard> StartAsync(
        string portPath, string eepromPath, IReadOnlyDictionary<int, int>? millivolts = null, string? firmware = null, IEnumerable<string>? extraArgs = null)
    {
        var args = new List<string> { "--firmware", firmware ?? Repo.SensorNodeElf, "--link", portPath, "--eeprom", eepromPath };
        foreach (var (channel, mv) in millivolts ?? new Dictionary<int, int>())
        {
            args.Add("--adc");
            args.Add(string.Create(CultureInfo.InvariantCulture, $"{channel}={mv}"));
        }

        args.AddRange(extraArgs ?? []);
        var process = ChildProcess.Start($"avr-board {Path.GetFileName(portPath)}", Repo.AvrBoard, args);
        string announced;
        try
        {
            announced = await process.WaitForLineAsync(l => l.StartsWith("pty ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new EmulatedBoard(process, portPath, announced["pty ".Length..], eepromPath);
    }

    /// <summary>Sets the voltage on analog input <paramref name="channel"/> and waits for the runner's ok.</summary>
    public Task SetMillivoltsAsync(int channel, int millivolts) =>
        CommandAsync(string.Create(CultureInfo.InvariantCulture, $"adc {channel} {millivolts}"));

    /// <summary>Drives digital input <paramref name="pin"/> high or low from outside.</summary>
    public Task SetInputAsync(int pin, bool high) =>
        CommandAsync(string.Create(CultureInfo.InvariantCulture, $"din {pin} {(high ? 1 : 0)}"));

    /// <summary>Waits until digital output <paramref name="pin"/> is reported at <paramref name="high"/>.</summary>
    public Task WaitForOutputAsync(int pin, bool high, TimeSpan timeout, int fromLine = 0) =>
        _process.WaitForLineAsync(l => l == string.Create(CultureInfo.InvariantCulture, $"dout {pin} {(high ? 1 : 0)}"), timeout, fromLine);

    public int LineCount => _process.LineCount;

    /// <summary>
    /// Pulls the board out: its link goes first, as udev removes a vanished board's <c>/dev/serial/by-id</c>
    /// link, then the runner dies. A link left behind would point at whichever pseudo-terminal takes the
    /// number next — another test's board — and the gateway reopening it would read that board's lines.
    /// </summary>
    public void Kill9()
    {
        if (new FileInfo(PortPath).LinkTarget == PtyPath)
        {
            File.Delete(PortPath);
        }

        _process.Kill9();
    }

    public void Dispose() => _process.Dispose();

    private async Task CommandAsync(string command)
    {
        var from = _process.LineCount;
        _process.WriteLine(command);
        await _process.WaitForLineAsync(l => l == "ok " + command || l.StartsWith("error", StringComparison.Ordinal), TimeSpan.FromSeconds(5), from);
    }
}
