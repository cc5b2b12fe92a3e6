using System.Collections.Immutable;
using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>An operation the gateway took on and has not finished.</summary>
/// <param name="Key">The operation row as received (its identity; see <see cref="OperationDeduplicator"/>).</param>
/// <param name="Fragment">E.g. <c>c8y_Relay</c>.</param>
/// <param name="ExternalId">The device it is for.</param>
internal sealed record JournalEntry(string Key, string Fragment, string ExternalId);

/// <summary>
/// The operations that are EXECUTING, kept in a file in the data directory (one SmartREST row per
/// operation, replaced atomically on every change) so that after a restart or a crash the gateway closes
/// them: <c>503</c> for a restart of the gateway itself (the restart was the operation), <c>502</c> with a
/// reason for anything else. An entry is written before <c>501</c> is sent and removed once the final
/// status is acknowledged. Thread-safe.
/// </summary>
internal sealed class OperationJournal
{
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly List<JournalEntry> _entries = [];

    /// <summary>The journal in <paramref name="path"/>; what a previous run left is in <see cref="Interrupted"/>.</summary>
    public OperationJournal(string path)
    {
        _path = path;
        Interrupted = Load(path);
        _entries.AddRange(Interrupted);
    }

    /// <summary>Operations a previous run left EXECUTING; each stays in the file until <see cref="Remove"/>.</summary>
    public ImmutableArray<JournalEntry> Interrupted { get; }

    /// <summary>The file.</summary>
    public string Path => _path;

    /// <summary>Records that <paramref name="entry"/> is EXECUTING.</summary>
    public void Add(JournalEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            Save();
        }
    }

    /// <summary>Records that <paramref name="entry"/> is finished.</summary>
    public void Remove(JournalEntry entry)
    {
        lock (_lock)
        {
            if (_entries.Remove(entry))
            {
                Save();
            }
        }
    }

    private static ImmutableArray<JournalEntry> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<JournalEntry>();
        ReadOnlySpan<byte> payload = File.ReadAllBytes(path);
        while (!payload.IsEmpty)
        {
            if (SmartRestReader.TryReadRow(ref payload, SmartRestQuoteEscape.Doubled, out var row, out _) && row.Fields.Length == 4 && row.TemplateId == "op")
            {
                builder.Add(new JournalEntry(row.Fields[3], row.Fields[1], row.Fields[2]));
            }
        }

        return builder.ToImmutable();
    }

    private void Save()
    {
        var text = new StringBuilder();
        foreach (var entry in _entries)
        {
            text.Append(new SmartRestRow(["op", entry.Fragment, entry.ExternalId, entry.Key]).Text).Append('\n');
        }

        AtomicFile.Write(_path, Encoding.UTF8.GetBytes(text.ToString()));
    }
}
