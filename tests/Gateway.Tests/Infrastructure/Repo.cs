namespace Gateway.Tests.Infrastructure;

/// <summary>Paths of the repository and of what its build produces (the firmware is built by <c>make -C firmware</c>).</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string AvrBoard => Built(Path.Combine(Root, "firmware", "build", "avr-board"));

    public static string SensorNodeElf => Built(Path.Combine(Root, "firmware", "build", "sensor-node", "sensor-node.elf"));

    public static string SensorNodeHex => Built(Path.Combine(Root, "firmware", "build", "sensor-node", "sensor-node.hex"));

    public static string Optiboot => Built(Path.Combine(Root, "firmware", "build", "optiboot", "optiboot_atmega328.hex"));

    /// <summary>The gateway executable built next to the tests.</summary>
    public static string GatewayExecutable => Built(Path.Combine(AppContext.BaseDirectory, "gateway"));

    private static string Built(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build it first (`make -C firmware` for the firmware).", path);
}
