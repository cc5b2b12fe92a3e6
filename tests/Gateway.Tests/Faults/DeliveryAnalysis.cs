using System.Globalization;

namespace Gateway.Tests.Faults;

/// <summary>
/// A stretch of deliveries whose seqs keep increasing: what one gateway run (or one resumed session) sent. It may start
/// below the highest seq delivered before it (what was still unacknowledged is sent again) and may skip seqs while it
/// is below it (acknowledgements are taken out of order, so some of those were not held any more).
/// </summary>
/// <param name="Index">Where the run starts among the deliveries.</param>
/// <param name="First">Its first seq.</param>
/// <param name="Last">Its last seq.</param>
/// <param name="Replayed">How many of its seqs had arrived before it started (duplicates it brought).</param>
internal readonly record struct DeliveryRun(int Index, uint First, uint Last, long Replayed);

/// <summary>What the readings that reached the broker say about loss, duplicates and order, for one device's boot.</summary>
internal sealed class DeliveryAnalysis
{
    private readonly IReadOnlyList<Delivery> _deliveries;

    public DeliveryAnalysis(IReadOnlyList<Delivery> deliveries)
    {
        _deliveries = deliveries;
        var seen = new HashSet<uint>();
        foreach (var delivery in deliveries)
        {
            if (!seen.Add(delivery.Seq))
            {
                Duplicates++;
            }
        }

        Distinct = seen.Count;
        Runs = FindRuns(deliveries);
        _seen = seen;
    }

    private readonly HashSet<uint> _seen;

    public long Duplicates { get; }

    public int Distinct { get; }

    /// <summary>Maximal runs of increasing seqs, in arrival order; a new run starts wherever a seq is not above the one before.</summary>
    public IReadOnlyList<DeliveryRun> Runs { get; }

    /// <summary>Seqs in [<paramref name="from"/>, <paramref name="to"/>] that never arrived.</summary>
    public List<uint> Missing(uint from, uint to)
    {
        var missing = new List<uint>();
        for (var seq = from; seq <= to; seq++)
        {
            if (!_seen.Contains(seq))
            {
                missing.Add(seq);
            }
        }

        return missing;
    }

    /// <summary>
    /// The first delivery that arrived ahead of its turn: a seq above every seq seen before it plus one. When there is
    /// none, the first arrivals of the seqs came exactly in increasing order with nothing skipped, and every repeat
    /// was of a seq already delivered. Null when order held.
    /// </summary>
    public string? FirstSkipAhead(uint firstExpected = 1)
    {
        var max = firstExpected - 1;
        for (var i = 0; i < _deliveries.Count; i++)
        {
            var seq = _deliveries[i].Seq;
            if (seq > max + 1)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"delivery #{i} is seq {seq} while the highest seen before it was {max}: {Around(i)}");
            }

            max = Math.Max(max, seq);
        }

        return null;
    }

    /// <summary>
    /// The first delivery of a seq, not seen before, that is below a seq already delivered: a reading that arrived
    /// behind a later one. Unlike <see cref="FirstSkipAhead"/> this allows seqs that never arrive. Null when order held.
    /// </summary>
    public string? FirstLateArrival()
    {
        var seen = new HashSet<uint>();
        var max = 0u;
        for (var i = 0; i < _deliveries.Count; i++)
        {
            var seq = _deliveries[i].Seq;
            if (seen.Add(seq) && seq < max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"delivery #{i} is seq {seq}, first seen after seq {max}: {Around(i)}");
            }

            max = Math.Max(max, seq);
        }

        return null;
    }

    /// <summary>The seqs around delivery <paramref name="index"/>, for messages.</summary>
    public string Around(int index)
    {
        var from = Math.Max(0, index - 5);
        var to = Math.Min(_deliveries.Count, index + 6);
        return "… " + string.Join(", ", Enumerable.Range(from, to - from).Select(i => i == index ? $"[{_deliveries[i].Seq}]" : _deliveries[i].Seq.ToString(CultureInfo.InvariantCulture))) + " …";
    }

    /// <summary>A short description of the runs, for the test output.</summary>
    public string DescribeRuns() =>
        string.Join("; ", Runs.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.First}..{r.Last} (+{r.Replayed} again)")));

    /// <summary>Seq ranges, for messages: 3-7, 9, 12-20.</summary>
    public static string Ranges(IReadOnlyList<uint> seqs, int max = 12)
    {
        var parts = new List<string>();
        for (var i = 0; i < seqs.Count && parts.Count < max; i++)
        {
            var start = seqs[i];
            while (i + 1 < seqs.Count && seqs[i + 1] == seqs[i] + 1)
            {
                i++;
            }

            parts.Add(start == seqs[i] ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{seqs[i]}");
        }

        return string.Join(", ", parts) + (parts.Count == max ? ", …" : string.Empty);
    }

    private static List<DeliveryRun> FindRuns(IReadOnlyList<Delivery> deliveries)
    {
        var runs = new List<DeliveryRun>();
        var maxBefore = 0u;
        var max = 0u;
        var start = 0;
        long replayed = 0;
        for (var i = 0; i < deliveries.Count; i++)
        {
            var seq = deliveries[i].Seq;
            if (i > 0 && seq <= deliveries[i - 1].Seq)
            {
                runs.Add(new DeliveryRun(start, deliveries[start].Seq, deliveries[i - 1].Seq, replayed));
                start = i;
                replayed = 0;
                maxBefore = max;
            }

            if (seq <= maxBefore)
            {
                replayed++;
            }

            max = Math.Max(max, seq);
        }

        if (deliveries.Count > 0)
        {
            runs.Add(new DeliveryRun(start, deliveries[start].Seq, deliveries[^1].Seq, replayed));
        }

        return runs;
    }
}
