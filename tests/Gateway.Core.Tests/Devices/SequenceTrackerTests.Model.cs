using Gateway.Core.Devices;

namespace Gateway.Core.Tests.Devices;

/// <summary>
/// Random links: a board numbers its frames across the 32-bit wrap, the line drops (singly and in
/// bursts) and repeats some, the gateway sees control frames and asks for resends from a board that holds its last few
/// frames. Every decision and counter must match <see cref="ReferenceSequence"/>, and in the end every
/// frame is taken exactly once, in order, or counted lost.
/// </summary>
public partial class SequenceTrackerTests
{
    private const int ResendBufferSize = 8;

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void A_long_random_link_agrees_with_the_reference_model(int seed, bool helloFirst)
    {
        var random = new Random(seed);
        var link = Run(random, uint.MaxValue - (uint)random.Next(5_000), helloFirst, steps: 20_000);

        Assert.True(link.Tracker.Lost > 0 && link.Tracker.Duplicates > 0, "the run should lose and repeat frames");
    }

    [Fact]
    public void Many_short_random_links_around_the_wrap_agree_with_the_reference_model()
    {
        var random = new Random(32);
        for (var run = 0; run < 500; run++)
        {
            Run(random, uint.MaxValue - (uint)random.Next(150), helloFirst: run % 2 == 0, steps: 400);
        }
    }

    private static RandomLink Run(Random random, uint origin, bool helloFirst, int steps)
    {
        var link = new RandomLink(random, origin);
        if (helloFirst)
        {
            link.Hello();
        }

        for (var step = 0; step < steps; step++)
        {
            link.Step(step);
        }

        link.ResendEverythingMissing();

        Assert.True(link.Sent > uint.MaxValue - link.Origin, "the run should cross the wrap");
        Assert.True(link.Taken.Zip(link.Taken.Skip(1)).All(pair => pair.Second > pair.First), "frames are taken once each, in order");
        long firstCounted = helloFirst ? 1 : link.Taken[0];
        Assert.Equal(link.Sent - firstCounted + 1, link.Taken.Count + link.Tracker.Lost);
        return link;
    }

    private sealed class RandomLink(Random random, uint origin)
    {
        private readonly ReferenceSequence _model = new();

        public uint Origin { get; } = origin;

        public SequenceTracker Tracker { get; } = new();

        /// <summary>How many data frames the board has sent (the last one's number, counted from 1).</summary>
        public long Sent { get; private set; }

        /// <summary>The frames the gateway took, in the order taken.</summary>
        public List<long> Taken { get; } = [];

        public void Hello()
        {
            Tracker.Start(Wire(Sent));
            _model.Start(Sent);
            Check("hello");
        }

        public void Step(int step)
        {
            switch (random.Next(100))
            {
                case < 55:
                    Sent++;
                    var fate = random.Next(20);
                    if (fate != 0)
                    {
                        Deliver(Sent, step);
                    }

                    if (fate == 1)
                    {
                        Deliver(Sent, step);
                    }

                    break;
                case < 58:
                    // A burst lost on the line, e.g. while the gateway restarted.
                    Sent += random.Next(2, 25);
                    break;
                case < 68 when Sent > 0:
                    Deliver(Sent - random.Next((int)Math.Min(Sent, 40)), step);
                    break;
                case < 82:
                    Assert.Equal(_model.OnControl(Sent), Tracker.OnControl(Wire(Sent)));
                    Check($"control at step {step}");
                    break;
                case < 94 when _model.Synchronised:
                    Resend(step, dropSome: true);
                    break;
                default:
                    break;
            }
        }

        public void ResendEverythingMissing()
        {
            if (_model.Synchronised)
            {
                Resend(-1, dropSome: false);
            }

            Assert.Equal(Wire(Sent + 1), Tracker.Expected);
        }

        /// <summary>The gateway asks from the expected frame; the board acks with what it still holds and sends it.</summary>
        private void Resend(int step, bool dropSome)
        {
            long from = Math.Max(_model.Expected, Math.Max(1, Sent - ResendBufferSize + 1));
            Tracker.SkipTo(Wire(from));
            _model.GiveUpBefore(from);
            Check($"resend ack at step {step}");
            for (long seq = from; seq <= Sent; seq++)
            {
                if (!dropSome || random.Next(30) != 0)
                {
                    Deliver(seq, step);
                }
            }
        }

        private void Deliver(long seq, int step)
        {
            var expected = _model.OnData(seq);
            var verdict = Tracker.OnData(Wire(seq));
            Assert.True(expected == verdict, $"frame {seq} at step {step}: expected {expected}, got {verdict}");
            if (verdict == SequenceVerdict.Accept)
            {
                Taken.Add(seq);
            }
            else if (verdict == SequenceVerdict.Gap && random.Next(3) == 0)
            {
                Tracker.AcceptAfterGap(Wire(seq));
                _model.TakeAfterGap(seq);
                Taken.Add(seq);
            }

            Check($"frame {seq} at step {step}");
        }

        private void Check(string when)
        {
            var model = _model.Synchronised
                ? $"{when}: next {Wire(_model.Expected)}, last {Wire(_model.Expected - 1)}"
                : $"{when}: unsynchronised";
            var tracker = Tracker.IsSynchronised
                ? $"{when}: next {Tracker.Expected}, last {Tracker.LastAccepted}"
                : $"{when}: unsynchronised";
            Assert.Equal(model, tracker);
            Assert.Equal((_model.Lost, _model.Duplicates), (Tracker.Lost, Tracker.Duplicates));
        }

        private uint Wire(long relative) => unchecked(Origin + (uint)relative);
    }
}
