using System.Collections.Immutable;
using System.Globalization;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// Builds the frame a vector's type, seq and fields columns describe, by splitting the text the simple way
/// (string.Split, Uri unescaping), independently of the production decoder.
/// </summary>
internal static class ExpectedFrames
{
    public static Frame From(string type, string seqText, string fieldsText)
    {
        uint seq = uint.Parse(seqText, CultureInfo.InvariantCulture);
        string[] fields = fieldsText == "-" ? [] : fieldsText.Split(',');
        return type switch
        {
            "H" => Hello(seq, fields),
            "R" => new ReadingFrame(seq, [.. fields.Select(Value)]),
            "E" => new EventFrame(seq, fields[0], fields.Length > 1 ? Uri.UnescapeDataString(fields[1]) : string.Empty),
            "A" => new AckFrame(seq, ushort.Parse(fields[0], CultureInfo.InvariantCulture), [.. fields.Skip(1).Select(Pair)]),
            "N" => new NakFrame(
                seq,
                ushort.Parse(fields[0], CultureInfo.InvariantCulture),
                Reason(fields[1]),
                fields.Length > 2 ? Uri.UnescapeDataString(fields[2]) : string.Empty),
            "C" => new CommandFrame(checked((ushort)seq), fields[0], [.. fields.Skip(1)]),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a frame type of the vectors."),
        };
    }

    private static HelloFrame Hello(uint seq, string[] fields)
    {
        Dictionary<string, string> keys = fields.Select(Pair).ToDictionary(pair => pair.Key, pair => pair.Value);
        string outputs = keys.GetValueOrDefault("o", string.Empty);
        return new HelloFrame(
            seq,
            uint.Parse(keys["p"], CultureInfo.InvariantCulture),
            keys["id"].ToUpperInvariant(),
            keys["boot"].ToUpperInvariant(),
            keys["fw"],
            keys["ver"],
            uint.Parse(keys["iv"], CultureInfo.InvariantCulture),
            keys.TryGetValue("rs", out string? rs) ? uint.Parse(rs, CultureInfo.InvariantCulture) : 0,
            [.. keys["s"].Split(';').Select(item => item.Split(':')).Select(parts => new SensorInfo(parts[0], parts[1]))],
            outputs.Length == 0
                ? []
                : [.. outputs.Split(';').Select(item => item.Split(':'))
                    .Select(parts => new OutputInfo(uint.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]))]);
    }

    private static SensorValue Value(string field)
    {
        KeyValuePair<string, string> pair = Pair(field);
        return new SensorValue(pair.Key, double.Parse(pair.Value, CultureInfo.InvariantCulture), pair.Value);
    }

    public static KeyValuePair<string, string> Pair(string field)
    {
        int equals = field.IndexOf('=', StringComparison.Ordinal);
        return new(field[..equals], field[(equals + 1)..]);
    }

    private static NakReason Reason(string text) => text switch
    {
        "unknown" => NakReason.UnknownVerb,
        "badarg" => NakReason.BadArgument,
        "busy" => NakReason.Busy,
        "malformed" => NakReason.Malformed,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Not a nak reason."),
    };

    /// <summary>The lenient column: <c>name=value</c> pairs joined by <c>,</c>.</summary>
    public static ReadingFrame Lenient(string pairs) => new(0, [.. pairs.Split(',').Select(Value)]);
}
