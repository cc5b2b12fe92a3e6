using Gateway.Store;

namespace Gateway.Tests.Store;

public class AckWindowTests
{
    [Fact]
    public void The_watermark_rises_over_acknowledgements_that_arrived_early()
    {
        var window = new AckWindow(1, [], LaneHoles.None);
        Assert.True(window.Acknowledge(3, LaneHoles.None));
        Assert.True(window.Acknowledge(2, LaneHoles.None));
        Assert.Equal(1, window.Low);
        Assert.Equal([2L, 3], window.AheadSorted(10));

        Assert.True(window.Acknowledge(1, LaneHoles.None));
        Assert.Equal(4, window.Low);
        Assert.Equal(0, window.AheadCount);
        Assert.False(window.Acknowledge(2, LaneHoles.None));
    }

    [Fact]
    public void Positions_that_do_not_exist_do_not_hold_the_watermark_back()
    {
        var holes = new LaneHoles([(5, 10), (12, 13)]);
        var window = new AckWindow(1, [2, 3], holes);
        foreach (var position in new long[] { 4, 1, 10, 11 })
        {
            window.Acknowledge(position, holes);
        }

        Assert.Equal(13, window.Low);
        Assert.Equal(6, holes.CountBetween(1, 13));
        Assert.Equal(3, holes.SkipFrom(3));
        Assert.Equal(10, holes.SkipFrom(7));
    }

    [Fact]
    public void Raising_the_floor_forgets_what_is_below_it()
    {
        var window = new AckWindow(1, [3, 20], LaneHoles.None);
        Assert.True(window.RaiseTo(10, LaneHoles.None));
        Assert.Equal(10, window.Low);
        Assert.Equal([20L], window.AheadSorted(10));
        Assert.False(window.RaiseTo(5, LaneHoles.None));
    }
}
