namespace Gateway.Store;

/// <summary>
/// What the store knows of one segment file. The writer thread changes it; cursors read <see cref="Length"/>
/// (published after each write) and the flags.
/// </summary>
internal sealed class Segment
{
    private long _length;
    private long _firstPosition = -1;
    private long _lastPosition = -1;
    private volatile bool _sealed;
    private volatile bool _removed;

    public Segment(string path, long basePosition, long length)
    {
        Path = path;
        BasePosition = basePosition;
        _length = length;
    }

    public string Path { get; }

    /// <summary>The position the segment was created for (its file name).</summary>
    public long BasePosition { get; }

    /// <summary>Bytes written and readable (header and whole frames).</summary>
    public long Length
    {
        get => Volatile.Read(ref _length);
        set => Volatile.Write(ref _length, value);
    }

    /// <summary>The first record's position, or -1 while the segment holds none.</summary>
    public long FirstPosition
    {
        get => Volatile.Read(ref _firstPosition);
        set => Volatile.Write(ref _firstPosition, value);
    }

    /// <summary>The last record's position, or -1 while the segment holds none.</summary>
    public long LastPosition
    {
        get => Volatile.Read(ref _lastPosition);
        set => Volatile.Write(ref _lastPosition, value);
    }

    /// <summary>Records in the segment (writer thread only).</summary>
    public long Count { get; set; }

    /// <summary>The newest wall-clock stamp of its records (writer thread only).</summary>
    public long NewestWallMs { get; set; } = long.MinValue;

    /// <summary>Whether a record was stamped by an unsynchronised clock: then its age is unknown (writer thread only).</summary>
    public bool HasUntrustedStamp { get; set; }

    /// <summary>No more records will be written to it.</summary>
    public bool Sealed
    {
        get => _sealed;
        set => _sealed = value;
    }

    /// <summary>Acknowledged by every consumer and waiting for the next sync to be deleted (writer thread only).</summary>
    public bool Released { get; set; }

    /// <summary>Deleted or dropped: readers move on.</summary>
    public bool Removed
    {
        get => _removed;
        set => _removed = value;
    }

    public bool IsEmpty => FirstPosition < 0;

    /// <summary>Takes the stamp of a record written to it.</summary>
    public void Stamp(Core.Telemetry.Stamp stamp)
    {
        NewestWallMs = Math.Max(NewestWallMs, stamp.WallMs);
        HasUntrustedStamp |= !stamp.Trusted;
    }

    /// <summary>Whether every record is known to be older than <paramref name="cutoffWallMs"/>.</summary>
    public bool IsOlderThan(long cutoffWallMs) => !IsEmpty && !HasUntrustedStamp && NewestWallMs < cutoffWallMs;

    public override string ToString() => System.IO.Path.GetFileName(Path);
}
