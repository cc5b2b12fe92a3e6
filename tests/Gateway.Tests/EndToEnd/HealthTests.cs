using System.Text.Json;
using Gateway.Core.Framing;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>The retained health message and <c>gateway status</c>, against a real broker and a pseudo-terminal.</summary>
public sealed class HealthTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Health_shows_backlog_rates_bad_frames_and_the_broker_connection_and_status_prints_it()
    {
        await using var scenario = new Scenario();
        await scenario.StartBrokerAsync();
        var probe = await scenario.ProbeAsync();
        var pty = scenario.OpenPty("ttyH");
        var gateway = scenario.StartGateway([pty.LinkPath], "--device-id", "health-1", "--set", "Health:IntervalSeconds=1", "--set", "Serial:HelloWaitMs=200");
        await gateway.WaitForPortOpenedAsync(Wait);

        for (uint seq = 1; seq <= 5; seq++)
        {
            pty.Write(FrameWriter.ToBytes(new ReadingFrame(seq, [SensorValue.Create("temp", 20 + seq)])));
        }

        pty.Write("$R,6,temp=1*0000\n");
        var health = $"{scenario.Root}/health";
        var report = (await probe.WaitForAsync(
            m => m.Topic == health && m.Retained is false && Acknowledged(m.Json) >= 5 && BadFrames(m.Json) == 1,
            Wait,
            "a health report that counts the five readings acknowledged and the bad frame")).Json;

        var uplink = report.GetProperty("uplinks")[0];
        Assert.Equal("mqtt", uplink.GetProperty("name").GetString());
        Assert.True(uplink.GetProperty("connected").GetBoolean());
        Assert.Equal(0, uplink.GetProperty("backlog").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, uplink.GetProperty("lastAck").ValueKind);
        Assert.Equal(5, report.GetProperty("store").GetProperty("appended").GetInt64());
        var port = report.GetProperty("ports")[0];
        Assert.Equal(1, port.GetProperty("rejected").GetProperty("crc").GetInt64());
        Assert.Equal("health-1", port.GetProperty("devices")[0].GetProperty("id").GetString());

        var status = await RunStatusAsync(scenario);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("uplink mqtt", status.Output, StringComparison.Ordinal);
        Assert.Contains("connected", status.Output, StringComparison.Ordinal);
        Assert.Contains("health-1 online", status.Output, StringComparison.Ordinal);
        Assert.Contains("1 bad (crc 1)", status.Output, StringComparison.Ordinal);

        // The broker goes away: the next reports say so, and the readings taken meanwhile are the backlog.
        await scenario.Broker!.StopAsync();
        pty.Write(FrameWriter.ToBytes(new ReadingFrame(7, [SensorValue.Create("temp", 27)])));
        await Eventually.TrueAsync(
            async () =>
            {
                var text = (await RunStatusAsync(scenario)).Output;
                return text.Contains("DISCONNECTED", StringComparison.Ordinal) && text.Contains("backlog 1 ", StringComparison.Ordinal);
            },
            Wait,
            "status shows the broker down and one reading buffered");

        // Stopped: the report gets stale and status says so with its own exit code.
        await gateway.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);
        Assert.Equal(3, (await RunStatusAsync(scenario)).ExitCode);
    }

    private static long Acknowledged(JsonElement report) =>
        report.GetProperty("uplinks").GetArrayLength() == 0 ? 0 : report.GetProperty("uplinks")[0].GetProperty("acknowledged").GetInt64();

    private static long BadFrames(JsonElement report) =>
        report.GetProperty("ports").GetArrayLength() == 0 ? 0 : report.GetProperty("ports")[0].GetProperty("badFrames").GetInt64();

    private static async Task<(int ExitCode, string Output)> RunStatusAsync(Scenario scenario)
    {
        using var status = ChildProcess.Start("status", Repo.GatewayExecutable, ["status", "--config", scenario.Directory.File("gateway.json"), "--data", scenario.DataDirectory]);
        var code = await status.WaitForExitAsync(TimeSpan.FromSeconds(20));
        return (code, status.Output);
    }
}
