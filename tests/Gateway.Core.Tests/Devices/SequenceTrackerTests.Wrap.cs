using Gateway.Core.Devices;

namespace Gateway.Core.Tests.Devices;

/// <summary>Serial-number arithmetic: the 32-bit counter wraps from 4294967295 to 0.</summary>
public partial class SequenceTrackerTests
{
    [Fact]
    public void The_counter_wraps_from_the_largest_number_to_zero()
    {
        var tracker = new SequenceTracker();
        tracker.Start(uint.MaxValue - 1);

        Assert.Equal(
            [SequenceVerdict.Accept, SequenceVerdict.Accept, SequenceVerdict.Accept],
            [tracker.OnData(uint.MaxValue), tracker.OnData(0), tracker.OnData(1)]);

        Assert.Equal((2u, 1u), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(uint.MaxValue));
        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(uint.MaxValue - 5));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnData(3));
        Assert.Equal((0L, 2L), (tracker.Lost, tracker.Duplicates));
    }

    [Fact]
    public void A_hello_at_the_largest_number_expects_zero_next()
    {
        var tracker = new SequenceTracker();

        tracker.Start(uint.MaxValue);

        Assert.Equal((0u, uint.MaxValue), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnControl(0));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnControl(uint.MaxValue));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(0));
    }

    [Fact]
    public void A_loss_across_the_wrap_counts_the_frames_on_both_sides()
    {
        var tracker = new SequenceTracker();
        tracker.Start(uint.MaxValue - 2);

        Assert.Equal(SequenceVerdict.Gap, tracker.OnData(2));
        tracker.AcceptAfterGap(2);

        // uint.MaxValue - 1, uint.MaxValue, 0 and 1 are gone.
        Assert.Equal((3u, 4L), (tracker.Expected, tracker.Lost));
    }

    [Fact]
    public void Skipping_across_the_wrap_counts_the_frames_given_up()
    {
        var tracker = new SequenceTracker();
        tracker.Start(uint.MaxValue - 9);

        tracker.SkipTo(10);

        // uint.MaxValue - 8 … uint.MaxValue (9 frames) and 0 … 9 (10 frames).
        Assert.Equal((10u, 19L), (tracker.Expected, tracker.Lost));
        tracker.SkipTo(uint.MaxValue);
        Assert.Equal((10u, 19L), (tracker.Expected, tracker.Lost));
    }

    [Fact]
    public void Up_to_half_the_number_space_ahead_is_a_gap_and_beyond_it_is_behind()
    {
        var tracker = new SequenceTracker();
        tracker.Start(999);

        Assert.Equal(SequenceVerdict.Gap, tracker.OnData(unchecked(1000u + int.MaxValue)));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnControl(unchecked(1000u + int.MaxValue)));
        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(unchecked(1000u + int.MaxValue + 2u)));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnControl(unchecked(1000u + int.MaxValue + 2u)));
    }

    [Fact]
    public void Skipping_almost_half_the_number_space_counts_every_frame_given_up()
    {
        var tracker = new SequenceTracker();
        tracker.Start(uint.MaxValue);

        tracker.SkipTo(int.MaxValue);

        Assert.Equal((long)int.MaxValue, tracker.Lost);
        tracker.AcceptAfterGap(uint.MaxValue - 1);
        Assert.Equal(2L * int.MaxValue, tracker.Lost);
    }
}
