using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

public class FrameCountersTests
{
    [Fact]
    public async Task A_health_reader_on_another_thread_sees_counters_that_only_grow_to_the_exact_totals()
    {
        const int Frames = 50_000;
        var reader = new FrameReader();
        byte[] line = Encoding.ASCII.GetBytes(ReferenceCrc.Frame("R,1,t=21.5") + "\njunk\n");
        using var done = new ManualResetEventSlim();

        var writer = Task.Run(() =>
        {
            for (int index = 0; index < Frames; index++)
            {
                var buffer = new ReadOnlySequence<byte>(line);
                while (reader.TryRead(ref buffer, out _))
                {
                }
            }

            done.Set();
        }, TestContext.Current.CancellationToken);

        FrameCountersSnapshot previous = reader.Counters.Snapshot();
        while (!done.IsSet)
        {
            FrameCountersSnapshot current = reader.Counters.Snapshot();
            Assert.True(current.Readings >= previous.Readings && current.DebugLines >= previous.DebugLines && current.Bytes >= previous.Bytes);
            previous = current;
        }

        await writer;
        FrameCountersSnapshot final = reader.Counters.Snapshot();
        Assert.Equal((Frames, Frames, (long)Frames * line.Length), (final.Readings, final.DebugLines, final.Bytes));
        Assert.Equal(Frames, reader.Counters.Frames(FrameType.Reading));
        Assert.Equal(Frames, reader.Counters.DebugLines);
        Assert.Equal((long)Frames * line.Length, reader.Counters.Bytes);
    }

    [Fact]
    public void Asking_for_a_counter_that_does_not_exist_throws()
    {
        var counters = new FrameReader().Counters;

        Assert.Throws<ArgumentOutOfRangeException>(() => counters.Frames((FrameType)'Z'));
        Assert.Throws<ArgumentOutOfRangeException>(() => counters.Rejections(Rejection.None));
    }
}
