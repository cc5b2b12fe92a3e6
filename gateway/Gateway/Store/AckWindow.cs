namespace Gateway.Store;

/// <summary>
/// What one consumer acknowledged in one lane: a low watermark (every position below it is acknowledged)
/// and the few positions above it acknowledged out of order. Not thread-safe: the cursor locks.
/// </summary>
internal sealed class AckWindow
{
    private readonly HashSet<long> _ahead = [];

    public AckWindow(long low, IEnumerable<long> ahead, LaneHoles holes)
    {
        Low = low;
        foreach (var position in ahead)
        {
            if (position > low)
            {
                _ahead.Add(position);
            }
        }

        Settle(holes);
    }

    /// <summary>Every position below this is acknowledged (or does not exist).</summary>
    public long Low { get; private set; }

    public int AheadCount => _ahead.Count;

    public bool IsAcknowledged(long position) => position < Low || _ahead.Contains(position);

    /// <summary>Takes an acknowledgement; false when it changes nothing.</summary>
    public bool Acknowledge(long position, LaneHoles holes)
    {
        if (position < Low || !_ahead.Add(position))
        {
            return false;
        }

        Settle(holes);
        return true;
    }

    /// <summary>The positions below <paramref name="floor"/> are gone (deleted or dropped): count them as done.</summary>
    public bool RaiseTo(long floor, LaneHoles holes)
    {
        if (floor <= Low)
        {
            return false;
        }

        Low = floor;
        if (_ahead.Count > 0)
        {
            foreach (var position in _ahead.ToArray())
            {
                if (position < floor)
                {
                    _ahead.Remove(position);
                }
            }
        }

        Settle(holes);
        return true;
    }

    /// <summary>At most <paramref name="max"/> of the positions acknowledged above the watermark, lowest first.</summary>
    public long[] AheadSorted(int max)
    {
        if (_ahead.Count == 0)
        {
            return [];
        }

        var all = _ahead.ToArray();
        Array.Sort(all);
        return all.Length <= max ? all : all[..max];
    }

    private void Settle(LaneHoles holes)
    {
        while (true)
        {
            if (_ahead.Remove(Low))
            {
                Low++;
                continue;
            }

            var next = holes.SkipFrom(Low);
            if (next == Low)
            {
                return;
            }

            Low = next;
        }
    }
}

/// <summary>
/// Ranges of positions that do not exist in a lane (lost to corruption found at start, or skipped when
/// a lane resumed after its newest segment was lost). Usually empty; immutable.
/// </summary>
internal sealed class LaneHoles
{
    public static readonly LaneHoles None = new([]);

    private readonly (long Start, long End)[] _ranges;

    /// <param name="ranges">Sorted, disjoint ranges [Start, End).</param>
    public LaneHoles((long Start, long End)[] ranges) => _ranges = ranges;

    public int Count => _ranges.Length;

    /// <summary>The first position at or after <paramref name="position"/> that is not in a hole.</summary>
    public long SkipFrom(long position)
    {
        foreach (var (start, end) in _ranges)
        {
            if (position < start)
            {
                break;
            }

            if (position < end)
            {
                position = end;
            }
        }

        return position;
    }

    /// <summary>How many positions in [from, to) are in holes.</summary>
    public long CountBetween(long from, long to)
    {
        long count = 0;
        foreach (var (start, end) in _ranges)
        {
            count += Math.Max(0, Math.Min(end, to) - Math.Max(start, from));
        }

        return count;
    }
}
