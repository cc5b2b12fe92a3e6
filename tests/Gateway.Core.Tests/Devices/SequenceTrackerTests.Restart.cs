using Gateway.Core.Devices;

namespace Gateway.Core.Tests.Devices;

/// <summary>
/// The repeat window: a frame a little behind the expected one is a repeat from a resend; further back,
/// the board has started its numbering over (a reboot whose hello was not seen).
/// </summary>
public partial class SequenceTrackerTests
{
    [Fact]
    public void Without_a_window_every_frame_behind_is_a_repeat()
    {
        var tracker = new SequenceTracker();
        tracker.Start(1_000_000);

        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(1));

        Assert.Equal((0L, 1L), (tracker.Restarts, tracker.Duplicates));
    }

    [Fact]
    public void A_frame_within_the_window_is_a_repeat_and_one_just_beyond_starts_the_numbering_over()
    {
        var tracker = new SequenceTracker();
        tracker.Start(100);

        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(93, repeatWindow: 8));
        Assert.Equal((101u, 1L, 0L), (tracker.Expected, tracker.Duplicates, tracker.Restarts));

        Assert.Equal(SequenceVerdict.Restart, tracker.OnData(92, repeatWindow: 8));

        Assert.Equal((93u, 92u), (tracker.Expected, tracker.LastAccepted));
        Assert.Equal((1L, 0L, 1L), (tracker.Duplicates, tracker.Lost, tracker.Restarts));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(93, repeatWindow: 8));
    }

    [Fact]
    public void After_a_missed_reboot_the_board_counts_from_one_again()
    {
        var tracker = new SequenceTracker();
        tracker.Start(5_000);
        tracker.OnData(5_001, 72);

        Assert.Equal(SequenceVerdict.Restart, tracker.OnData(1, 72));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(2, 72));
        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(1, 72));

        Assert.Equal((3u, 1L, 1L), (tracker.Expected, tracker.Restarts, tracker.Duplicates));
    }

    [Fact]
    public void A_board_that_cannot_resend_has_no_repeats()
    {
        var tracker = new SequenceTracker();
        tracker.Start(10);
        tracker.OnData(11, 0);

        Assert.Equal(SequenceVerdict.Restart, tracker.OnData(11, 0));

        Assert.Equal((0L, 1L), (tracker.Duplicates, tracker.Restarts));
    }

    [Fact]
    public void The_window_does_not_change_gaps_or_the_first_frame()
    {
        var tracker = new SequenceTracker();

        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(500, 0));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnData(510, 0));
        Assert.Equal(SequenceVerdict.Accept, tracker.OnData(501, 0));
        Assert.Equal(0L, tracker.Restarts);
    }

    [Fact]
    public void The_window_is_measured_across_the_wrap()
    {
        var tracker = new SequenceTracker();
        tracker.Start(4);

        Assert.Equal(SequenceVerdict.Duplicate, tracker.OnData(uint.MaxValue - 2, repeatWindow: 8));
        Assert.Equal(SequenceVerdict.Restart, tracker.OnData(uint.MaxValue - 3, repeatWindow: 8));

        Assert.Equal(uint.MaxValue - 2, tracker.Expected);
    }
}
