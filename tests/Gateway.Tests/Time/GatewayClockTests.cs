using Gateway.Core.Telemetry;
using Gateway.Time;

namespace Gateway.Tests.Time;

/// <summary>The correction rule of ADR 0004.</summary>
public class GatewayClockTests
{
    private const uint ThisBoot = 0x1C9A4A2E;

    [Fact]
    public void An_untrusted_stamp_carries_the_host_boot_and_a_trusted_one_does_not()
    {
        var (clock, time, sync) = Make();

        var before = clock.Now();
        sync.Synchronised = true;
        var after = clock.Now();

        Assert.Equal((false, ThisBoot), (before.Trusted, before.HostBoot));
        Assert.Equal((true, 0u), (after.Trusted, after.HostBoot));
        Assert.Equal(time.MonotonicMs, after.MonotonicMs);
    }

    [Fact]
    public void Once_synchronised_an_untrusted_stamp_of_this_boot_gets_the_wall_time_of_its_monotonic_instant()
    {
        var (clock, time, sync) = Make();
        var stamp = clock.Now();

        // Ten minutes later NTP steps the clock from 1970-ish to the real time.
        time.MonotonicMs += 600_000;
        time.Wall = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        sync.Synchronised = true;
        var corrected = clock.Correct(stamp);

        Assert.True(corrected.Corrected);
        Assert.False(corrected.Trusted);
        Assert.Equal(time.Wall.AddMinutes(-10), corrected.Wall);
        Assert.Equal(stamp.MonotonicMs, corrected.MonotonicMs);
        Assert.Equal(corrected, clock.Correct(corrected));
    }

    [Fact]
    public void Stamps_of_another_host_boot_or_taken_while_unsynchronised_stay_as_they_are()
    {
        var (clock, time, sync) = Make();
        var unsynchronised = clock.Now();
        var otherBoot = unsynchronised with { HostBoot = ThisBoot + 1 };
        var unknownBoot = unsynchronised with { HostBoot = 0 };
        var future = unsynchronised with { MonotonicMs = time.MonotonicMs + 1 };

        Assert.Equal(unsynchronised, clock.Correct(unsynchronised));
        sync.Synchronised = true;
        Assert.Equal(otherBoot, clock.Correct(otherBoot));
        Assert.Equal(unknownBoot, clock.Correct(unknownBoot));
        Assert.Equal(future, clock.Correct(future));
        var trusted = clock.Now();
        Assert.Equal(trusted, clock.Correct(trusted));
    }

    [Fact]
    public void A_corrected_reading_says_so_on_the_wire_and_an_uncorrectable_one_says_it_is_untrusted()
    {
        var reading = new Reading("d", "b", 1, new Stamp(5_000, 1, false, ThisBoot), [new("t", 1, "1")], ["C"], checksummed: true);
        var corrected = (Reading)reading.WithStamp(reading.Stamp with { WallMs = 1_790_000_000_000, Corrected = true });

        Assert.Contains("\"timeTrusted\":false", Json(reading), StringComparison.Ordinal);
        Assert.Contains("\"timeCorrected\":true", Json(corrected), StringComparison.Ordinal);
        Assert.DoesNotContain("timeTrusted", Json(corrected), StringComparison.Ordinal);
    }

    private static string Json(Reading reading)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Core.Mapping.Local.LocalPayloads.WriteReading(buffer, reading);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (GatewayClock Clock, SteppedTime Time, Sync Sync) Make()
    {
        var time = new SteppedTime { Wall = new DateTimeOffset(1970, 1, 1, 0, 5, 0, TimeSpan.Zero), MonotonicMs = 42_000 };
        var sync = new Sync();
        return (new GatewayClock(time, sync, ThisBoot), time, sync);
    }

    private sealed class Sync : IClockSync
    {
        public bool Synchronised { get; set; }

        public bool IsSynchronised => Synchronised;
    }

    private sealed class SteppedTime : TimeProvider
    {
        public DateTimeOffset Wall { get; set; }

        public long MonotonicMs { get; set; }

        public override long TimestampFrequency => 1000;

        public override DateTimeOffset GetUtcNow() => Wall;

        public override long GetTimestamp() => MonotonicMs;
    }
}
