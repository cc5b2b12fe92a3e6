using System.Buffers;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Telemetry;
using Gateway.Logging;
using Gateway.Store;
using Gateway.Uplink.Mqtt;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// The outbox to Cumulocity: readings become <c>201</c> measurements with the reading's own time, board
/// events <c>400</c>, threshold rules add <c>301</c>–<c>304</c>/<c>306</c> after the reading that
/// caused them. Whatever the cursor has ready (up to a batch) is grouped by the board's topic and packed
/// many rows per publish, so a backlog drains fast; entries are acknowledged on the PUBACKs.
/// </summary>
internal sealed partial class CumulocityUplinkService
{
    private const int BatchEntries = 500;

    private async Task PumpTelemetryAsync(MqttLink link, IOutboxCursor cursor, TelemetryWindow window, CancellationToken cancellationToken)
    {
        var byTopic = new Dictionary<string, List<(long Id, SmartRestRow Row)>>(StringComparer.Ordinal);
        var topics = new List<string>();
        while (true)
        {
            await cursor.WaitToReadAsync(cancellationToken);
            byTopic.Clear();
            topics.Clear();
            var read = 0;
            while (read < BatchEntries && cursor.TryRead(out var entry))
            {
                read++;
                var rows = Map(entry.Record, out var topic);
                if (rows.Count == 0)
                {
                    cursor.Acknowledge(entry.Id);
                    continue;
                }

                if (!byTopic.TryGetValue(topic, out var list))
                {
                    byTopic[topic] = list = [];
                    topics.Add(topic);
                }

                list.AddRange(rows.Select(r => (entry.Id, r)));
            }

            foreach (var topic in topics)
            {
                await PublishEntriesAsync(link, cursor, window, topic, byTopic[topic], cancellationToken);
            }
        }
    }

    private async Task PublishEntriesAsync(
        MqttLink link, IOutboxCursor cursor, TelemetryWindow window, string topic, List<(long Id, SmartRestRow Row)> rows, CancellationToken cancellationToken)
    {
        var owner = new Dictionary<SmartRestRow, long>(ReferenceEqualityComparer.Instance);
        foreach (var (id, row) in rows)
        {
            owner[row] = id;
        }

        var batch = SmartRestBatcher.Pack(rows.Select(r => r.Row));
        var carried = new HashSet<long>();
        foreach (var row in batch.Oversized)
        {
            Log.CumulocityRecordSkipped(_logger, topic, 0, $"a row of {row.ByteCount} bytes exceeds the publish limit");
        }

        foreach (var publish in batch.Publishes)
        {
            var entries = publish.Rows.Select(r => owner[r]).Distinct().ToArray();
            carried.UnionWith(entries);
            var token = window.Track(entries);
            Task? send;
            while ((send = link.TryPublish(topic, new ReadOnlySequence<byte>(publish.Payload), retain: false, token)) is null)
            {
                await window.WaitForSlotAsync(cancellationToken);
                if (link.Closed.IsCompleted)
                {
                    return;
                }
            }

            await send;
        }

        foreach (var id in owner.Values.Distinct().Where(id => !carried.Contains(id)))
        {
            cursor.Acknowledge(id);
        }
    }

    /// <summary>The rows of one record; none when it cannot be sent (counted in the log).</summary>
    private List<SmartRestRow> Map(Record record, out string topic)
    {
        var rows = new List<SmartRestRow>(2);
        topic = string.Empty;
        // Measurements and events carry the time the reading was taken, corrected if the clock now allows it (ADR 0004).
        record = _clock?.Correct(record) ?? record;
        try
        {
            topic = ChildTopic(record.DeviceId);
            switch (record)
            {
                case Reading reading:
                    if (_mapper.TryMap(reading, out var measurement, out var error))
                    {
                        rows.Add(measurement);
                    }
                    else
                    {
                        Log.CumulocityRecordSkipped(_logger, record.DeviceId, record.Seq, error);
                    }

                    foreach (var change in _thresholds.Evaluate(reading))
                    {
                        rows.Add(AlarmRow(change));
                    }

                    break;
                case BoardEvent boardEvent:
                    rows.Add(UpstreamRows.Event(
                        EventType(boardEvent.EventType),
                        boardEvent.Text.Length > 0 ? boardEvent.Text : boardEvent.EventType,
                        boardEvent.Stamp.Wall));
                    break;
                default:
                    Log.CumulocityRecordSkipped(_logger, record.DeviceId, record.Seq, $"no mapping for {record.GetType().Name}");
                    break;
            }
        }
        catch (ArgumentException e)
        {
            Log.CumulocityRecordSkipped(_logger, record.DeviceId, record.Seq, e.Message);
            rows.Clear();
        }

        return rows;
    }

    private SmartRestRow AlarmRow(AlarmChange change)
    {
        var raise = change.Transition == AlarmTransition.Raise;
        Log.CumulocityThreshold(_logger, change.Rule.Type, change.DeviceId, raise ? "raised" : "cleared", change.Value);
        return raise
            ? UpstreamRows.Alarm(change.Rule.Severity, change.Rule.Type, change.Rule.TextFor(change.Value), change.Time)
            : UpstreamRows.ClearAlarm(change.Rule.Type);
    }

    /// <summary>A board event's Cumulocity type: <c>button</c> → <c>c8y_ButtonEvent</c>.</summary>
    internal static string EventType(string boardType) => CumulocityNames.Type(boardType, "Event");
}
