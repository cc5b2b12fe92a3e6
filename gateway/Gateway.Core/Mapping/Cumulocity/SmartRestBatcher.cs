using System.Collections.Immutable;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// Packs rows for one topic into as few publishes as possible, each at most a given number of bytes,
/// rows joined by <c>\n</c>. Order is kept (a <c>501</c> must precede its <c>503</c>), so each publish
/// takes consecutive rows and a publish is closed only when the next row no longer fits: with the order
/// fixed, no packing uses fewer publishes. A row that alone exceeds the limit goes to
/// <see cref="SmartRestBatch.Oversized"/> for the caller to count.
/// </summary>
public static class SmartRestBatcher
{
    /// <summary>Packs <paramref name="rows"/> into publishes of at most <paramref name="maxPublishBytes"/> bytes.</summary>
    public static SmartRestBatch Pack(IEnumerable<SmartRestRow> rows, int maxPublishBytes = SmartRestLimits.MaxPublishBytes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPublishBytes, 1);
        var publishes = ImmutableArray.CreateBuilder<SmartRestPublish>();
        var oversized = ImmutableArray.CreateBuilder<SmartRestRow>();
        var current = new List<SmartRestRow>();
        var currentBytes = 0;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            var size = row.ByteCount;
            if (size > maxPublishBytes)
            {
                oversized.Add(row);
                continue;
            }

            if (current.Count > 0 && currentBytes + 1 + size > maxPublishBytes)
            {
                publishes.Add(SmartRestPublish.Join(current, currentBytes));
                current.Clear();
                currentBytes = 0;
            }

            currentBytes += current.Count > 0 ? 1 + size : size;
            current.Add(row);
        }

        if (current.Count > 0)
        {
            publishes.Add(SmartRestPublish.Join(current, currentBytes));
        }

        return new SmartRestBatch(publishes.ToImmutable(), oversized.ToImmutable());
    }
}

/// <summary>What <see cref="SmartRestBatcher.Pack"/> produced.</summary>
/// <param name="Publishes">The payloads, in row order.</param>
/// <param name="Oversized">Rows that alone exceed the limit and were left out.</param>
public sealed record SmartRestBatch(ImmutableArray<SmartRestPublish> Publishes, ImmutableArray<SmartRestRow> Oversized);

/// <summary>One publish: its payload and the rows in it.</summary>
public sealed class SmartRestPublish
{
    private SmartRestPublish(ReadOnlyMemory<byte> payload, ImmutableArray<SmartRestRow> rows)
    {
        Payload = payload;
        Rows = rows;
    }

    /// <summary>The rows' UTF-8 text joined by <c>\n</c>, no line feed at the end.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The rows in the payload, in order.</summary>
    public ImmutableArray<SmartRestRow> Rows { get; }

    internal static SmartRestPublish Join(List<SmartRestRow> rows, int bytes)
    {
        var payload = new byte[bytes];
        var at = 0;
        foreach (var row in rows)
        {
            if (at > 0)
            {
                payload[at++] = (byte)'\n';
            }

            row.Utf8.CopyTo(payload.AsSpan(at));
            at += row.ByteCount;
        }

        return new SmartRestPublish(payload, [.. rows]);
    }
}
