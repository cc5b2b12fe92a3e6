using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Faults;

/// <summary>Waits and messages shared by the fault tests.</summary>
internal static class FaultKit
{
    /// <summary>Waits until <paramref name="condition"/> holds; on timeout fails with <paramref name="state"/> (or returns false when <paramref name="fail"/> is off).</summary>
    public static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string> state, bool fail = true)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                if (fail)
                {
                    Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}: {state()}");
                }

                return false;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>Waits for a line of the gateway's log containing <paramref name="fragment"/>, from line <paramref name="from"/> on; fails with <paramref name="state"/>.</summary>
    public static async Task<string> WaitForLogAsync(GatewayProcess gateway, string fragment, TimeSpan timeout, string what, Func<string> state, int from = 0)
    {
        try
        {
            return await gateway.WaitForLogAsync(fragment, timeout, from);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting until {what} (a log line with '{fragment}'): {state()}");
            throw;
        }
    }

    /// <summary>The collector's and the board's state and the gateway's last lines, for failure messages.</summary>
    public static string State(ReadingCollector collector, VirtualBoard board, GatewayProcess gateway) =>
        $"highest seq at the broker {collector.MaxSeq}, {collector.Count} deliveries; {board.Describe()}\ngateway (pid {gateway.Pid}{(gateway.HasExited ? ", exited" : string.Empty)}):\n{Tail(gateway)}";

    /// <summary>The gateway's last health report from <c>health.json</c> in its data directory (what <c>gateway status</c> reads), or null.</summary>
    public static JsonElement? ReadHealth(Scenario scenario)
    {
        try
        {
            using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(scenario.DataDirectory, "health.json")));
            return report.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The last lines the gateway printed.</summary>
    public static string Tail(GatewayProcess gateway, int lines = 25)
    {
        var all = gateway.Process.Lines();
        return string.Join('\n', all.Skip(Math.Max(0, all.Count - lines)));
    }
}
