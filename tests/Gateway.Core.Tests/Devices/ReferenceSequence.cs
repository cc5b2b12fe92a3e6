using Gateway.Core.Devices;

namespace Gateway.Core.Tests.Devices;

/// <summary>
/// A plain model of ADR 0001's data sequence over 64-bit numbers that never wrap, to check
/// <see cref="SequenceTracker"/> against: frames are taken strictly in order, earlier ones are repeats,
/// later ones leave a gap until the gateway gives the missing ones up.
/// </summary>
internal sealed class ReferenceSequence
{
    public bool Synchronised { get; private set; }

    /// <summary>The next number to take; meaningful when <see cref="Synchronised"/>.</summary>
    public long Expected { get; private set; }

    public long Lost { get; private set; }

    public long Duplicates { get; private set; }

    public void Start(long lastDataSeq)
    {
        Synchronised = true;
        Expected = lastDataSeq + 1;
    }

    public SequenceVerdict OnData(long seq)
    {
        if (!Synchronised)
        {
            Start(seq);
            return SequenceVerdict.Accept;
        }

        if (seq < Expected)
        {
            Duplicates++;
            return SequenceVerdict.Duplicate;
        }

        if (seq > Expected)
        {
            return SequenceVerdict.Gap;
        }

        Expected++;
        return SequenceVerdict.Accept;
    }

    public SequenceVerdict OnControl(long lastDataSeq) =>
        Synchronised && lastDataSeq >= Expected ? SequenceVerdict.Gap : SequenceVerdict.Accept;

    /// <summary>The frames before <paramref name="next"/> will not come: count them lost.</summary>
    public void GiveUpBefore(long next)
    {
        if (!Synchronised)
        {
            Start(next - 1);
        }
        else if (next > Expected)
        {
            Lost += next - Expected;
            Expected = next;
        }
    }

    /// <summary>Takes <paramref name="seq"/>, which lies past a gap, giving up the frames before it.</summary>
    public void TakeAfterGap(long seq)
    {
        GiveUpBefore(seq);
        Expected = seq + 1;
    }
}
