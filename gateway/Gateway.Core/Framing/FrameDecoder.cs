using System.Text;

namespace Gateway.Core.Framing;

/// <summary>
/// Decodes one complete line that starts with <c>$</c> (without its <c>\r\n</c>) into a frame or a
/// rejection. Pure apart from its string caches; one per <see cref="FrameReader"/>.
/// </summary>
internal sealed partial class FrameDecoder
{
    private const int ChecksumLength = 4;

    private readonly AsciiStringCache _names = new(64);
    private readonly AsciiStringCache _values = new(256);

    /// <param name="line">The line from <c>$</c> to before its line end.</param>
    /// <param name="versionMismatch">Whether the link last announced another protocol version.</param>
    /// <param name="frame">The frame when the result is <see cref="Rejection.None"/>.</param>
    public Rejection Decode(ReadOnlySpan<byte> line, bool versionMismatch, out Frame? frame)
    {
        frame = null;
        int star = line.IndexOf((byte)'*');
        if (star < 1 || line.Length - star - 1 != ChecksumLength
            || !FrameSyntax.TryParseHex16(line[(star + 1)..], out ushort checksum))
        {
            return Rejection.Malformed;
        }

        // The checksum first: a corrupted byte is line noise (crc), a well-summed bad byte a writer's bug.
        ReadOnlySpan<byte> body = line[1..star];
        if (Crc16.Compute(body) != checksum)
        {
            return Rejection.Crc;
        }

        if (body.IsEmpty || body.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E)
            || !char.IsAsciiLetter((char)body[0]) || (body.Length > 1 && body[1] != (byte)','))
        {
            return Rejection.Malformed;
        }

        var type = (FrameType)body[0];
        if (versionMismatch && type != FrameType.Hello)
        {
            return Rejection.Version;
        }

        if (!IsKnown(type))
        {
            return Rejection.Unknown;
        }

        var fields = new FieldReader(body.Length > 1 ? body[2..] : default, present: body.Length > 1);
        if (!fields.TryRead(out ReadOnlySpan<byte> seqText) || !FrameSyntax.TryParseDecimal(seqText, out uint seq))
        {
            return Rejection.Malformed;
        }

        return type switch
        {
            FrameType.Hello => DecodeHello(seq, fields, out frame),
            FrameType.Reading => DecodeReading(seq, fields, out frame),
            FrameType.Event => DecodeEvent(seq, fields, out frame),
            FrameType.Ack => DecodeAck(seq, fields, out frame),
            FrameType.Nak => DecodeNak(seq, fields, out frame),
            _ => DecodeCommand(seq, fields, out frame),
        };
    }

    private static bool IsKnown(FrameType type) => type is FrameType.Hello or FrameType.Reading
        or FrameType.Event or FrameType.Ack or FrameType.Nak or FrameType.Command;

    private static Rejection Accept(Frame decoded, out Frame? frame)
    {
        frame = decoded;
        return Rejection.None;
    }

    private static string NewString(ReadOnlySpan<byte> ascii) => Encoding.Latin1.GetString(ascii);

    /// <summary>A command id as echoed by a board: 0–65535 (0 when it could not read the command's id).</summary>
    private static bool TryParseCommandId(ReadOnlySpan<byte> text, out ushort id)
    {
        bool valid = FrameSyntax.TryParseDecimal(text, out uint value) && value <= ushort.MaxValue;
        id = valid ? (ushort)value : (ushort)0;
        return valid;
    }

    /// <summary>Parses a <c>name=value</c> reading value, with the name and the text from the caches.</summary>
    private bool TryParseValue(ReadOnlySpan<byte> name, ReadOnlySpan<byte> text, out SensorValue value)
    {
        value = default;
        if (!FrameSyntax.IsName(name) || !FrameSyntax.TryParseNumber(text, out double number))
        {
            return false;
        }

        value = new SensorValue(_names.Get(name), number, _values.Get(text));
        return true;
    }

    private static bool ContainsName(ReadOnlySpan<SensorValue> values, string name)
    {
        foreach (SensorValue value in values)
        {
            if (string.Equals(value.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
