using Gateway.Core.Devices;

namespace Gateway.Core.Tests.Devices;

/// <summary>The data sequence of one boot (ADR 0001, "Sequence numbers" and "Resend").</summary>
public partial class SequenceTrackerTests
{
    [Fact]
    public void A_new_tracker_knows_no_position_and_has_counted_nothing()
    {
        var tracker = new SequenceTracker();

        Assert.False(tracker.IsSynchronised);
        Assert.Null(tracker.LastAccepted);
        Assert.Equal((0L, 0L), (tracker.Lost, tracker.Duplicates));
    }

    [Fact]
    public void After_a_hello_with_seq_0_the_frames_1_2_3_are_taken_in_order()
    {
        var tracker = new SequenceTracker();
        tracker.Start(0);

        Assert.Equal((1u, 0u), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal(
            [SequenceVerdict.Accept, SequenceVerdict.Accept, SequenceVerdict.Accept],
            [tracker.OnData(1), tracker.OnData(2), tracker.OnData(3)]);
        Assert.Equal((4u, 3u), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal((0L, 0L), (tracker.Lost, tracker.Duplicates));
    }

    [Fact]
    public void The_first_data_frame_of_an_unsynchronised_tracker_is_taken_whatever_its_number()
    {
        var tracker = new SequenceTracker();

        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(42));

        Assert.True(tracker.IsSynchronised);
        Assert.Equal((43u, 42u), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal(0L, tracker.Lost);
        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(42));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(43));
    }

    [Fact]
    public void Frames_already_taken_are_duplicates_and_are_counted_without_moving()
    {
        var tracker = new SequenceTracker();
        tracker.Start(10);
        tracker.OnData(11);
        tracker.OnData(12);

        Assert.Equal(
            [SequenceVerdict.Duplicate, SequenceVerdict.Duplicate, SequenceVerdict.Duplicate],
            [tracker.OnData(12), tracker.OnData(11), tracker.OnData(1)]);

        Assert.Equal(3L, tracker.Duplicates);
        Assert.Equal(13u, tracker.Expected);
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(13));
    }

    [Fact]
    public void A_frame_past_the_expected_one_is_a_gap_that_changes_nothing_until_resolved()
    {
        var tracker = new SequenceTracker();
        tracker.Start(0);

        Assert.Equal(SequenceVerdict.Gap, tracker.OnData(3));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnData(4));

        Assert.Equal((1u, 0L, 0L), (tracker.Expected, tracker.Lost, tracker.Duplicates));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(1));
    }

    [Fact]
    public void Accepting_after_a_gap_counts_the_missing_frames_as_lost()
    {
        var tracker = new SequenceTracker();
        tracker.Start(1);

        tracker.AcceptAfterGap(5);

        Assert.Equal(3L, tracker.Lost);
        Assert.Equal((6u, 5u), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(3));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(6));
    }

    [Fact]
    public void Accepting_the_expected_frame_after_a_gap_loses_nothing()
    {
        var tracker = new SequenceTracker();
        tracker.Start(7);

        tracker.AcceptAfterGap(8);

        Assert.Equal((9u, 0L), (tracker.Expected, tracker.Lost));
    }

    [Fact]
    public void Accepting_after_a_gap_while_unsynchronised_takes_the_frame_and_loses_nothing()
    {
        var tracker = new SequenceTracker();

        tracker.AcceptAfterGap(100);

        Assert.True(tracker.IsSynchronised);
        Assert.Equal((101u, 0L), (tracker.Expected, tracker.Lost));
    }

    [Fact]
    public void Skipping_ahead_counts_the_frames_given_up_and_expects_the_target_next()
    {
        var tracker = new SequenceTracker();
        tracker.Start(4);

        tracker.SkipTo(9);

        Assert.Equal((9u, 8u, 4L), (tracker.Expected, tracker.LastAccepted, tracker.Lost));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(9));
    }

    [Theory]
    [InlineData(5u)]
    [InlineData(3u)]
    [InlineData(0u)]
    public void Skipping_to_a_number_not_ahead_does_nothing(uint target)
    {
        var tracker = new SequenceTracker();
        tracker.Start(4);

        tracker.SkipTo(target);

        Assert.Equal((5u, 0L), (tracker.Expected, tracker.Lost));
    }

    [Fact]
    public void Skipping_while_unsynchronised_synchronises_without_counting_a_loss()
    {
        var tracker = new SequenceTracker();

        tracker.SkipTo(20);

        Assert.True(tracker.IsSynchronised);
        Assert.Equal((20u, 19u, 0L), (tracker.Expected, tracker.LastAccepted, tracker.Lost));
    }

    [Fact]
    public void A_control_frame_at_or_past_the_expected_number_reveals_a_gap()
    {
        var tracker = new SequenceTracker();
        tracker.Start(0);
        tracker.OnData(1);
        tracker.OnData(2);

        Assert.Equal(SequenceVerdict.Accept, tracker.OnControl(2));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnControl(1));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnControl(3));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnControl(1000));

        Assert.Equal((3u, 0L, 0L), (tracker.Expected, tracker.Lost, tracker.Duplicates));
    }

    [Fact]
    public void A_control_frame_neither_judges_nor_synchronises_an_unsynchronised_tracker()
    {
        var tracker = new SequenceTracker();

        Assert.Equal(SequenceVerdict.Accept, tracker.OnControl(50));

        Assert.False(tracker.IsSynchronised);
    }

    [Fact]
    public void Forgetting_drops_the_position_but_keeps_the_counters()
    {
        var tracker = new SequenceTracker();
        tracker.Start(0);
        tracker.OnData(1);
        tracker.OnData(1);
        tracker.AcceptAfterGap(4);

        tracker.Forget();

        Assert.False(tracker.IsSynchronised);
        Assert.Null(tracker.LastAccepted);
        Assert.Equal((2L, 1L), (tracker.Lost, tracker.Duplicates));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(1));
        Assert.Equal(2u, tracker.Expected);
    }

    [Fact]
    public void Starting_again_moves_the_position_without_counting_anything()
    {
        var tracker = new SequenceTracker();
        tracker.Start(100);

        tracker.Start(3);

        Assert.Equal((4u, 0L, 0L), (tracker.Expected, tracker.Lost, tracker.Duplicates));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(4));
    }
}
