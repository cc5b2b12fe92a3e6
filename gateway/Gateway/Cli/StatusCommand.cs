using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Health;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway status</c>: the running gateway's last health report (<c>health.json</c> in the data
/// directory), for a person. Exit 0 when the report is fresh, 3 when it is stale (the gateway is not
/// running or is stuck), 1 when there is none or it cannot be read.
/// </summary>
internal static class StatusCommand
{
    /// <summary>Exit status when the report is older than three intervals.</summary>
    public const int Stale = 3;

    public static int Run(string dataDirectory, bool json, DateTimeOffset now, TextWriter output, TextWriter error)
    {
        var path = Path.Combine(dataDirectory, HealthService.FileName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"gateway: no health report at {path} ({e.Message}). Is the gateway running with this data directory (Gateway:DataDirectory)?");
            return 1;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var age = now - root.GetProperty("time").GetDateTimeOffset();
            var interval = root.GetProperty("intervalSeconds").GetInt32();
            var stale = age > TimeSpan.FromSeconds(3 * interval);
            if (json)
            {
                output.WriteLine(Encoding.UTF8.GetString(bytes));
            }
            else
            {
                Describe(root, age, output);
            }

            if (stale)
            {
                error.WriteLine($"gateway: the report is {Seconds(age)} old although it is renewed every {interval} s: the gateway is not running, or is stuck.");
                return Stale;
            }

            return 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error.WriteLine($"gateway: the health report at {path} cannot be read ({e.Message}).");
            return 1;
        }
    }

    private static void Describe(JsonElement root, TimeSpan age, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"gateway {root.GetProperty("gateway").GetString()}: report {Seconds(age)} old, up {Duration(root.GetProperty("uptimeSeconds").GetInt64())}, clock {(root.GetProperty("timeTrusted").GetBoolean() ? "synchronised" : "NOT synchronised (readings are stamped for correction)")}"));

        var store = root.GetProperty("store");
        var drops = store.GetProperty("drops").EnumerateObject().Where(d => d.Value.GetInt64() > 0).Select(d => $"{d.Name} {d.Value.GetInt64()}").ToList();
        output.WriteLine(string.Create(inv,
            $"store: {store.GetProperty("appended").GetInt64()} readings taken, {store.GetProperty("readingsInPerSecond").GetDouble():0.#}/s in, {store.GetProperty("bytesOnDisk").GetInt64() / 1024.0:0.#} KiB on disk; drops: {(drops.Count == 0 ? "none" : string.Join(", ", drops))}"));
        if (store.TryGetProperty("refusing", out var refusing))
        {
            output.WriteLine($"  REFUSING new readings: {refusing.GetString()}");
        }

        if (store.TryGetProperty("lastError", out var storeError))
        {
            output.WriteLine($"  last storage error: {storeError.GetString()}");
        }

        foreach (var uplink in root.GetProperty("uplinks").EnumerateArray())
        {
            var connected = uplink.GetProperty("connected").GetBoolean();
            var since = uplink.GetProperty("since");
            var state = connected ? "connected" : "DISCONNECTED";
            var sinceText = since.ValueKind == JsonValueKind.Null ? string.Empty : $" since {since.GetDateTimeOffset():u}";
            var lastAck = uplink.GetProperty("lastAck");
            output.WriteLine(string.Create(inv,
                $"uplink {uplink.GetProperty("name").GetString()} ({uplink.GetProperty("endpoint").GetString()}): {state}{sinceText}; backlog {uplink.GetProperty("backlog").GetInt64()} (oldest {uplink.GetProperty("oldestBufferedSeconds").GetDouble():0.#} s), {uplink.GetProperty("readingsOutPerSecond").GetDouble():0.#}/s out, last ack {(lastAck.ValueKind == JsonValueKind.Null ? "never" : lastAck.GetDateTimeOffset().ToString("u", inv))}"));
            if (!connected && uplink.TryGetProperty("lastError", out var reason))
            {
                output.WriteLine($"  last error: {reason.GetString()}");
            }
        }

        foreach (var port in root.GetProperty("ports").EnumerateArray())
        {
            var devices = port.GetProperty("devices").EnumerateArray()
                .Select(d => $"{d.GetProperty("id").GetString()} {(d.GetProperty("online").GetBoolean() ? "online" : "offline")}").ToList();
            var rejected = port.GetProperty("rejected").EnumerateObject().Where(r => r.Value.GetInt64() > 0).Select(r => $"{r.Name} {r.Value.GetInt64()}").ToList();
            output.WriteLine(string.Create(inv,
                $"port {port.GetProperty("path").GetString()} ({(port.GetProperty("open").GetBoolean() ? "open" : "closed")}): {(devices.Count == 0 ? "no device" : string.Join(", ", devices))}; {port.GetProperty("frames").GetInt64()} frames, {port.GetProperty("badFrames").GetInt64()} bad{(rejected.Count == 0 ? string.Empty : $" ({string.Join(", ", rejected)})")}, {port.GetProperty("debugLines").GetInt64()} debug lines"));
        }
    }

    private static string Seconds(TimeSpan age) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0} s");

    private static string Duration(long seconds) =>
        seconds < 3600 ? $"{seconds / 60} min {seconds % 60} s" : $"{seconds / 3600} h {seconds % 3600 / 60} min";
}
