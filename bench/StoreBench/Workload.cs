using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Gateway.Core.Framing;
using Gateway.Core.Telemetry;

namespace StoreBench;

/// <summary>One measured run: a producer appending at a rate, a consumer acknowledging behind it.</summary>
internal static class Workload
{
    private const int Pool = 4096;

    /// <summary>Readings as a serial link makes them: a board's 16-hex-digit id and boot, three values with units.</summary>
    public static Reading[] Readings(int count, uint firstSeq = 1)
    {
        var readings = new Reading[count];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var seq = firstSeq + (uint)i;
            var temp = 20 + (seq % 100 / 10.0);
            var light = 40 + (seq % 37);
            var hum = 50 + (seq % 11);
            readings[i] = new Reading("3F9A2C71D04B8E15", "0000002A", seq, new Stamp(now + i, 1_000_000 + i, true),
                [
                    new SensorValue("temp", temp, temp.ToString("F2", CultureInfo.InvariantCulture)),
                    new SensorValue("light", light, light.ToString(CultureInfo.InvariantCulture)),
                    new SensorValue("hum", hum, hum.ToString(CultureInfo.InvariantCulture)),
                ],
                ["C", "%", "%"],
                checksummed: true);
        }

        return readings;
    }

    /// <summary>The mean size of the readings' binary form: the payload the store must keep.</summary>
    public static double PayloadBytes(Reading[] readings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var reading in readings)
        {
            RecordCodec.Write(buffer, reading);
        }

        return (double)buffer.WrittenCount / readings.Length;
    }

    /// <param name="rate">Records per second, or 0 for as fast as the outbox takes them.</param>
    public static RunResult Run(string engine, string mode, Func<IBenchOutbox> open, int rate, TimeSpan duration)
    {
        var pool = Readings(Pool);
        var payload = PayloadBytes(pool);
        var before = ProcIo.Read();
        var clock = Stopwatch.StartNew();
        long appended = 0;
        TimeSpan written;
        TimeSpan acknowledged;
        using (var outbox = open())
        {
            while (clock.Elapsed < duration)
            {
                var due = rate == 0 ? long.MaxValue : (long)(clock.Elapsed.TotalSeconds * rate);
                while (appended < due && clock.Elapsed < duration)
                {
                    if (outbox.TryAppend(pool[appended % Pool]))
                    {
                        appended++;
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }

                if (rate != 0)
                {
                    Thread.Sleep(1);
                }
            }

            outbox.Flush();
            written = clock.Elapsed;
            while (outbox.Acknowledged < appended && clock.Elapsed < written + TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(1);
            }

            acknowledged = clock.Elapsed;
        }

        var io = ProcIo.Read() - before;
        return new RunResult(engine, mode, rate == 0 ? "max" : $"{rate}/s", appended, appended / written.TotalSeconds, appended / acknowledged.TotalSeconds, payload, io);
    }
}

/// <summary>What one run measured.</summary>
internal sealed record RunResult(string Engine, string Sync, string Rate, long Records, double WrittenPerSecond, double AcknowledgedPerSecond, double PayloadBytes, ProcIo Io)
{
    public double BytesPerRecord => (double)Io.WriteBytes / Records;

    public double BytesPerPayloadByte => BytesPerRecord / PayloadBytes;

    public double NetBytesPerRecord => (double)(Io.WriteBytes - Io.CancelledWriteBytes) / Records;
}
