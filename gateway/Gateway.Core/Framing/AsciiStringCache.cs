using System.Text;

namespace Gateway.Core.Framing;

/// <summary>
/// A small direct-mapped cache of strings made from ASCII bytes, so the names and values a board
/// repeats in every frame do not allocate a new string each time. Not thread-safe: one per reader.
/// </summary>
internal sealed class AsciiStringCache
{
    private readonly string?[] _entries;

    /// <param name="capacity">A power of two.</param>
    public AsciiStringCache(int capacity)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Must be a power of two.");
        }

        _entries = new string?[capacity];
    }

    /// <summary>The string of <paramref name="ascii"/>, which holds only bytes below 0x80.</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        int slot = (int)(Hash(ascii) & (uint)(_entries.Length - 1));
        string? cached = _entries[slot];
        if (cached is not null && Ascii.Equals(ascii, cached))
        {
            return cached;
        }

        string created = Encoding.Latin1.GetString(ascii);
        _entries[slot] = created;
        return created;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a: strings here are a few bytes long, so a simple loop is as fast as anything.
        uint hash = 2166136261;
        foreach (byte value in bytes)
        {
            hash = (hash ^ value) * 16777619;
        }

        return hash ^ (hash >> 15);
    }
}
