using Gateway.Core.Resilience;

namespace Gateway.Core.Tests.Resilience;

/// <summary>Capped, decorrelated-jitter backoff, driven by a seeded <see cref="Random"/>.</summary>
public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_delay_lies_between_the_base_and_three_times_the_last_one_and_never_above_the_cap(int seed)
    {
        var backoff = new Backoff(Base, Cap, new Random(seed));
        var previous = Base;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var delay = backoff.Next();

            Assert.InRange(delay, Base, Cap);
            Assert.InRange(delay, Base, previous * 3);
            previous = delay;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Delays_grow_from_the_base_towards_the_cap(int seed)
    {
        var backoff = new Backoff(Base, Cap, new Random(seed));

        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Next()).ToArray();

        Assert.InRange(delays[0], Base, Base * 3);
        Assert.True(delays[..40].Max() >= Cap * 0.75, $"the largest of the first 40 delays was {delays[..40].Max()}");
        Assert.True(delays[10..].Average(d => d.TotalSeconds) > 12, $"later delays average {delays[10..].Average(d => d.TotalSeconds)} s");
    }

    [Fact]
    public void Delays_are_spread_out_rather_than_fixed()
    {
        var first = new Backoff(Base, Cap, new Random(1));
        var second = new Backoff(Base, Cap, new Random(2));

        var a = Enumerable.Range(0, 10).Select(_ => first.Next()).ToArray();
        var b = Enumerable.Range(0, 10).Select(_ => second.Next()).ToArray();

        Assert.NotEqual(a, b);
        Assert.True(a.Distinct().Count() > 5, string.Join(", ", a));
    }

    [Fact]
    public void Reset_starts_again_from_the_base()
    {
        var random = new Random(7);
        var backoff = new Backoff(Base, Cap, random);
        var withoutReset = new Backoff(Base, Cap, random);
        var overThreeTimesBase = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            GrowPast(backoff, TimeSpan.FromSeconds(20));
            GrowPast(withoutReset, TimeSpan.FromSeconds(20));

            backoff.Reset();

            Assert.InRange(backoff.Next(), Base, Base * 3);
            overThreeTimesBase += withoutReset.Next() > Base * 3 ? 1 : 0;
        }

        Assert.True(overThreeTimesBase > 100, $"without a reset only {overThreeTimesBase} of 200 delays exceeded three times the base");
    }

    [Fact]
    public void A_cap_equal_to_the_base_always_waits_the_base()
    {
        var backoff = new Backoff(Base, Base, new Random(3));

        Assert.All(Enumerable.Range(0, 20).Select(_ => backoff.Next()), delay => Assert.Equal(Base, delay));
    }

    [Fact]
    public void A_cap_just_above_the_base_keeps_every_delay_in_that_narrow_range()
    {
        var cap = Base + TimeSpan.FromTicks(1);
        var backoff = new Backoff(Base, cap, new Random(3));

        Assert.All(Enumerable.Range(0, 200).Select(_ => backoff.Next()), delay => Assert.InRange(delay, Base, cap));
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        var first = new Backoff(Base, Cap, new Random(11));
        var second = new Backoff(Base, Cap, new Random(11));

        Assert.Equal(Enumerable.Range(0, 20).Select(_ => first.Next()), Enumerable.Range(0, 20).Select(_ => second.Next()));
    }

    [Fact]
    public void Without_a_random_source_the_shared_one_is_used_within_the_same_bounds()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));

        Assert.All(Enumerable.Range(0, 200).Select(_ => backoff.Next()), delay => Assert.InRange(delay, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData(0, 1_000)]
    [InlineData(-1, 1_000)]
    [InlineData(1_000, 999)]
    [InlineData(1_000, 0)]
    [InlineData(1_000, -1_000)]
    public void A_base_that_is_not_positive_or_a_cap_below_the_base_is_refused(int baseMs, int capMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromMilliseconds(capMs)));

    private static void GrowPast(Backoff backoff, TimeSpan threshold)
    {
        while (backoff.Next() <= threshold)
        {
        }
    }
}
