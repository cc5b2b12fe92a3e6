using System.Globalization;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// Renders items and frames with every property, so that comparisons are structural and failures readable.
/// Independent of <see cref="FrameWriter"/>.
/// </summary>
internal static class Describe
{
    public static string Item(LinkItem item) => item.Kind switch
    {
        LinkItemKind.Frame => "frame " + Frame(item.Frame!),
        LinkItemKind.LenientReading => "lenient " + Frame(item.Frame!),
        LinkItemKind.Debug => "debug " + item.Text,
        LinkItemKind.Rejected => $"{item.Rejection} {item.Text}",
        _ => "none",
    };

    /// <summary>The outcome words of the vector file: ok, debug, malformed, crc, ...</summary>
    public static string Outcome(LinkItem item) => item.Kind switch
    {
        LinkItemKind.Frame or LinkItemKind.LenientReading => "ok",
        LinkItemKind.Debug => "debug",
        LinkItemKind.Rejected => item.Rejection.ToString().ToLowerInvariant(),
        _ => "none",
    };

    public static string Frame(Frame frame) => frame switch
    {
        HelloFrame h => string.Create(
            CultureInfo.InvariantCulture,
            $"H seq={h.Seq} p={h.ProtocolVersion} id={h.DeviceId} boot={h.BootId} fw={h.Firmware} ver={h.FirmwareVersion} " +
            $"iv={h.IntervalMs} rs={h.ResendCapacity} s=[{string.Join("; ", h.Sensors.Select(s => $"{s.Name}:{s.Unit}"))}] " +
            $"o=[{string.Join("; ", h.Outputs.Select(o => $"{o.Pin}:{o.Name}"))}]"),
        ReadingFrame r => $"R seq={r.Seq} [{string.Join("; ", r.Values.Select(Value))}]",
        EventFrame e => $"E seq={e.Seq} type={e.EventType} text=[{e.Text}]",
        AckFrame a => $"A seq={a.Seq} cmd={a.CommandId} [{string.Join("; ", a.Fields.Select(f => $"{f.Key}={f.Value}"))}]",
        NakFrame n => $"N seq={n.Seq} cmd={n.CommandId} reason={n.Reason} text=[{n.Text}]",
        CommandFrame c => $"C id={c.Id} verb={c.Verb} [{string.Join("; ", c.Args)}]",
        _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, "Unknown frame class."),
    };

    private static string Value(SensorValue value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Name}={value.Value:R} as '{value.Text}'");
}
