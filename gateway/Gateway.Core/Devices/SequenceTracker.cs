namespace Gateway.Core.Devices;

/// <summary>
/// Follows a board's data sequence numbers within one boot (ADR 0001, "Sequence numbers" and
/// "Resend"): which frame comes next, which are repeats, and where frames went missing. Pure; one per
/// device link. Comparisons use serial-number arithmetic, so the 32-bit counter may wrap.
/// </summary>
public sealed class SequenceTracker
{
    private uint _expected;

    /// <summary>Whether the next expected number is known (false until a hello, a resume or a first frame).</summary>
    public bool IsSynchronised { get; private set; }

    /// <summary>The number of the next data frame expected; meaningful when <see cref="IsSynchronised"/>.</summary>
    public uint Expected => _expected;

    /// <summary>The last data sequence number taken, or null when none is known.</summary>
    public uint? LastAccepted => IsSynchronised ? unchecked(_expected - 1) : null;

    /// <summary>Data frames found missing and given up for lost.</summary>
    public long Lost { get; private set; }

    /// <summary>Data frames dropped as repeats.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Starts following a boot whose last data frame so far is <paramref name="lastDataSeq"/> (a hello's seq).</summary>
    public void Start(uint lastDataSeq)
    {
        _expected = unchecked(lastDataSeq + 1);
        IsSynchronised = true;
    }

    /// <summary>Forgets the position, e.g. when a board of unknown boot appears.</summary>
    public void Forget() => IsSynchronised = false;

    /// <summary>Frames that started over (<see cref="SequenceVerdict.Restart"/>).</summary>
    public long Restarts { get; private set; }

    /// <summary>
    /// Judges a data frame (<c>R</c> or <c>E</c>) and, when it is accepted, moves past it. A frame up to
    /// <paramref name="repeatWindow"/> numbers behind the expected one is a repeat (a resend overlapping what
    /// was taken); further back, the board has started its numbering over. A board that cannot resend
    /// never repeats a frame, so its window is 0.
    /// </summary>
    public SequenceVerdict OnData(uint seq, uint repeatWindow = uint.MaxValue)
    {
        if (!IsSynchronised)
        {
            Start(seq);
            return SequenceVerdict.Accept;
        }

        var distance = unchecked((int)(seq - _expected));
        if (distance == 0)
        {
            _expected = unchecked(_expected + 1);
            return SequenceVerdict.Accept;
        }

        if (distance < 0 && (uint)-(long)distance <= repeatWindow)
        {
            Duplicates++;
            return SequenceVerdict.Duplicate;
        }

        if (distance < 0)
        {
            Restarts++;
            Start(seq);
            return SequenceVerdict.Restart;
        }

        return SequenceVerdict.Gap;
    }

    /// <summary>
    /// Judges a control frame (<c>H</c> after boot, <c>A</c>, <c>N</c>), which carries the board's last data
    /// seq: a number at or past the expected one means data frames went missing.
    /// </summary>
    public SequenceVerdict OnControl(uint lastDataSeq) =>
        IsSynchronised && unchecked((int)(lastDataSeq - _expected)) >= 0 ? SequenceVerdict.Gap : SequenceVerdict.Accept;

    /// <summary>Gives up the frames before <paramref name="seq"/> as lost and accepts <paramref name="seq"/>, which must not be behind.</summary>
    public void AcceptAfterGap(uint seq)
    {
        if (IsSynchronised && unchecked((int)(seq - _expected)) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seq), seq, $"Frame {seq} is behind the expected {_expected}: not a gap.");
        }

        SkipTo(seq);
        _expected = unchecked(seq + 1);
    }

    /// <summary>
    /// Gives up the frames before <paramref name="next"/> as lost, e.g. when a resend starts later than asked
    /// because the board no longer holds the older ones. Does nothing if <paramref name="next"/> is not ahead.
    /// </summary>
    public void SkipTo(uint next)
    {
        if (!IsSynchronised)
        {
            Start(unchecked(next - 1));
            return;
        }

        var distance = unchecked((int)(next - _expected));
        if (distance > 0)
        {
            Lost += distance;
            _expected = next;
        }
    }
}
