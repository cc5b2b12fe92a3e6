using Gateway.Core.Telemetry;

namespace Gateway.Core.Tests.Telemetry;

/// <summary>When the gateway received something, by the wall clock and the monotonic clock.</summary>
public class StampTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1_700_000_000_123L)]
    [InlineData(-86_400_000L)]
    public void The_wall_time_is_the_unix_milliseconds_in_utc(long wallMs)
    {
        var stamp = new Stamp(wallMs, 5_000, Trusted: true);

        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(wallMs), stamp.Wall);
        Assert.Equal(TimeSpan.Zero, stamp.Wall.Offset);
        Assert.Equal(wallMs, stamp.Wall.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void A_stamp_keeps_both_clocks_and_the_trust_flag()
    {
        var stamp = new Stamp(1_700_000_000_123, 42_000, Trusted: false);

        Assert.Equal((1_700_000_000_123L, 42_000L, false), (stamp.WallMs, stamp.MonotonicMs, stamp.Trusted));
        Assert.Equal(new Stamp(1_700_000_000_123, 42_000, false), stamp);
        Assert.NotEqual(stamp with { Trusted = true }, stamp);
    }
}
