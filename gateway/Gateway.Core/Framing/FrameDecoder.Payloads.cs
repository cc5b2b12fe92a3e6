using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Gateway.Core.Framing;

/// <summary>The payloads of R, E, A, N and C frames.</summary>
internal sealed partial class FrameDecoder
{
    private Rejection DecodeReading(uint seq, FieldReader fields, out Frame? frame)
    {
        frame = null;
        int count = fields.CountRemaining();
        if (count == 0)
        {
            return Rejection.Malformed;
        }

        var values = new SensorValue[count];
        for (int index = 0; index < count; index++)
        {
            fields.TryRead(out ReadOnlySpan<byte> field);
            int equals = field.IndexOf((byte)'=');
            if (equals < 0 || !TryParseValue(field[..equals], field[(equals + 1)..], out SensorValue value)
                || ContainsName(values.AsSpan(0, index), value.Name))
            {
                return Rejection.Malformed;
            }

            values[index] = value;
        }

        return Accept(new ReadingFrame(seq, ImmutableCollectionsMarshal.AsImmutableArray(values)), out frame);
    }

    private Rejection DecodeEvent(uint seq, FieldReader fields, out Frame? frame)
    {
        frame = null;
        if (!fields.TryRead(out ReadOnlySpan<byte> eventType) || !FrameSyntax.IsName(eventType))
        {
            return Rejection.Malformed;
        }

        string text = string.Empty;
        if (fields.TryRead(out ReadOnlySpan<byte> encoded) && !PercentText.TryDecode(encoded, out text!))
        {
            return Rejection.Malformed;
        }

        return fields.HasMore ? Rejection.Malformed : Accept(new EventFrame(seq, _names.Get(eventType), text), out frame);
    }

    private Rejection DecodeAck(uint seq, FieldReader fields, out Frame? frame)
    {
        frame = null;
        if (!fields.TryRead(out ReadOnlySpan<byte> idText) || !TryParseCommandId(idText, out ushort commandId))
        {
            return Rejection.Malformed;
        }

        int count = fields.CountRemaining();
        var pairs = new KeyValuePair<string, string>[count];
        for (int index = 0; index < count; index++)
        {
            fields.TryRead(out ReadOnlySpan<byte> field);
            int equals = field.IndexOf((byte)'=');
            if (equals < 0 || !FrameSyntax.IsName(field[..equals]))
            {
                return Rejection.Malformed;
            }

            string key = _names.Get(field[..equals]);
            for (int previous = 0; previous < index; previous++)
            {
                if (string.Equals(pairs[previous].Key, key, StringComparison.Ordinal))
                {
                    return Rejection.Malformed;
                }
            }

            pairs[index] = new(key, _values.Get(field[(equals + 1)..]));
        }

        var ack = new AckFrame(seq, commandId, ImmutableCollectionsMarshal.AsImmutableArray(pairs));
        return Accept(ack, out frame);
    }

    private static Rejection DecodeNak(uint seq, FieldReader fields, out Frame? frame)
    {
        frame = null;
        if (!fields.TryRead(out ReadOnlySpan<byte> idText) || !TryParseCommandId(idText, out ushort commandId)
            || !fields.TryRead(out ReadOnlySpan<byte> reasonText) || !TryParseNakReason(reasonText, out NakReason reason))
        {
            return Rejection.Malformed;
        }

        string text = string.Empty;
        if (fields.TryRead(out ReadOnlySpan<byte> encoded) && !PercentText.TryDecode(encoded, out text!))
        {
            return Rejection.Malformed;
        }

        return fields.HasMore ? Rejection.Malformed : Accept(new NakFrame(seq, commandId, reason, text), out frame);
    }

    private static Rejection DecodeCommand(uint seq, FieldReader fields, out Frame? frame)
    {
        frame = null;
        if (seq is < CommandFrame.MinId or > ushort.MaxValue
            || !fields.TryRead(out ReadOnlySpan<byte> verb) || !FrameSyntax.IsName(verb))
        {
            return Rejection.Malformed;
        }

        int count = fields.CountRemaining();
        var args = new string[count];
        for (int index = 0; index < count; index++)
        {
            fields.TryRead(out ReadOnlySpan<byte> arg);
            args[index] = NewString(arg);
        }

        var command = new CommandFrame((ushort)seq, NewString(verb), ImmutableCollectionsMarshal.AsImmutableArray(args));
        return Accept(command, out frame);
    }

    internal static bool TryParseNakReason(ReadOnlySpan<byte> text, out NakReason reason)
    {
        foreach (NakReason candidate in (ReadOnlySpan<NakReason>)[NakReason.UnknownVerb, NakReason.BadArgument, NakReason.Busy, NakReason.Malformed])
        {
            if (text.SequenceEqual(NakReasonText(candidate)))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }

    internal static ReadOnlySpan<byte> NakReasonText(NakReason reason) => reason switch
    {
        NakReason.UnknownVerb => "unknown"u8,
        NakReason.BadArgument => "badarg"u8,
        NakReason.Busy => "busy"u8,
        NakReason.Malformed => "malformed"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a nak reason."),
    };
}
