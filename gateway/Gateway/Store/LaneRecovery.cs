using System.Globalization;
using Gateway.Configuration;
using Gateway.Core.Telemetry;

namespace Gateway.Store;

/// <summary>What recovery found in a lane's directory, ready for <see cref="LaneLog"/>.</summary>
internal sealed class LaneScan
{
    public List<Segment> Segments { get; } = [];

    /// <summary>The newest segment, when records can still be appended to it.</summary>
    public Segment? Active { get; set; }

    public LaneHoles Holes { get; set; } = LaneHoles.None;

    public long NextPosition { get; set; } = 1;

    /// <summary>The newest position held on disk, or -1.</summary>
    public long LastHeld { get; set; } = -1;
}

/// <summary>
/// Brings a lane's directory to a consistent state at start: cuts torn tails back to the last whole record,
/// rewrites segments with unreadable records in the middle (the original kept aside as <c>*.corrupt</c>),
/// moves unreadable segment files aside, and says what it did through notices.
/// </summary>
internal sealed class LaneRecovery(OutboxLane lane, string directory, StoreOptions options, RecoveryReport report)
{
    /// <param name="minimumNext">The lane's next position as persisted in the state: positions are never reused.</param>
    /// <param name="onRecord">Called for every record kept, in order.</param>
    public LaneScan Run(long minimumNext, Action<RecordHeader> onRecord)
    {
        Directory.CreateDirectory(directory);
        var scan = new LaneScan();
        var holes = new List<(long Start, long End)>();
        var scanner = new SegmentScanner();
        var previous = -1L;
        var last = -1L;
        void Take(long position, RecordHeader header)
        {
            if (last >= 0 && position > last + 1)
            {
                holes.Add((last + 1, position));
            }

            last = position;
            onRecord(header);
        }

        var files = ListSegments();
        (string Original, string Aside, long Bytes, long From)? lostSegment = null;
        for (var i = 0; i < files.Count; i++)
        {
            var (basePosition, path) = files[i];
            var newest = i == files.Count - 1;
            var segment = new Segment(path, basePosition, 0);
            var before = previous;
            SegmentScanner.Result result;
            try
            {
                result = scanner.Scan(path, lane, basePosition, ref previous, segment, Take);
            }
            catch (IOException e)
            {
                report.Error($"{path} could not be read ({e.Message})");
                result = new SegmentScanner.Result { HeaderValid = false, FileLength = SafeLength(path) };
            }

            if (!result.HeaderValid)
            {
                if (newest && result.FileLength < SegmentFormat.HeaderSize)
                {
                    File.Delete(path);
                    report.Repaired(path, result.FileLength, 0, "an empty segment whose creation was interrupted was removed");
                    continue;
                }

                lostSegment = (path, Quarantine(path), result.FileLength, Math.Max(before + 1, basePosition));
                continue;
            }

            if (!segment.IsEmpty && lostSegment is { } lost)
            {
                Lost(lost, segment.FirstPosition - lost.From);
                lostSegment = null;
            }

            if (result.NeedsRepair)
            {
                Repair(path, result);
            }

            if (segment.IsEmpty && !newest)
            {
                File.Delete(path);
                continue;
            }

            scan.Segments.Add(segment);
            scan.Active = newest && segment.Length < options.SegmentBytes ? segment : null;
        }

        scan.NextPosition = Math.Max(Math.Max(previous + 1, minimumNext), 1);
        scan.LastHeld = previous;
        if (lostSegment is { } tail)
        {
            Lost(tail, Math.Max(0, scan.NextPosition - tail.From));
        }

        if (previous >= 0 && scan.NextPosition > previous + 1)
        {
            holes.Add((previous + 1, scan.NextPosition));
        }

        scan.Holes = holes.Count == 0 ? LaneHoles.None : new LaneHoles([.. holes]);
        return scan;
    }

    private List<(long Base, string Path)> ListSegments()
    {
        var files = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Delete(path);
            }
            else if (SegmentFormat.TryParseSegmentFileName(name, out var basePosition))
            {
                files.Add((basePosition, path));
            }
        }

        files.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return files;
    }

    private void Lost((string Original, string Aside, long Bytes, long From) segment, long records)
    {
        report.Quarantined(segment.Aside, segment.Bytes, records,
            $"segment {Path.GetFileName(segment.Original)} of lane {lane} was unreadable and was moved aside as {segment.Aside}; {records} record(s) lost");
    }

    /// <summary>Cuts a torn tail in place, or rewrites the segment without its unreadable ranges (keeping the original aside).</summary>
    private void Repair(string path, SegmentScanner.Result result)
    {
        if (result.CorruptRanges.Count == 0)
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.SetLength(file, result.GoodEnd);
            RandomAccess.FlushToDisk(file);
            report.Repaired(path, result.FileLength - result.GoodEnd, 0,
                string.Create(CultureInfo.InvariantCulture, $"a torn tail of {result.FileLength - result.GoodEnd} byte(s) after the last whole record was cut from {path}"));
            return;
        }

        var temporary = path + ".tmp";
        using (var source = FrameFileReader.Open(path, 64 * 1024))
        using (var target = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            long from = 0;
            long written = 0;
            foreach (var (start, end) in result.CorruptRanges.Append((result.GoodEnd, result.GoodEnd)))
            {
                for (var at = from; at < start;)
                {
                    var chunk = source.Read(at, (int)Math.Min(64 * 1024, start - at), start);
                    RandomAccess.Write(target, chunk, written);
                    written += chunk.Length;
                    at += chunk.Length;
                }

                from = end;
            }

            RandomAccess.FlushToDisk(target);
        }

        var aside = Quarantine(path);
        File.Move(temporary, path);
        DirectorySync.Sync(directory);
        var bytes = result.CorruptRanges.Sum(r => r.End - r.Start) + (result.FileLength - result.GoodEnd);
        report.Quarantined(aside, bytes, result.LostRecords, string.Create(CultureInfo.InvariantCulture,
            $"{result.CorruptRanges.Count} unreadable range(s), {bytes} byte(s), in {path}: {result.LostRecords} record(s) lost; the other records were kept and the original was moved aside as {aside}"));
    }

    private static string Quarantine(string path)
    {
        var aside = path + ".corrupt";
        for (var n = 1; File.Exists(aside); n++)
        {
            aside = string.Create(CultureInfo.InvariantCulture, $"{path}.{n}.corrupt");
        }

        File.Move(path, aside);
        return aside;
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
