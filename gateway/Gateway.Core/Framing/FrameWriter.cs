using System.Buffers;
using System.Text;

namespace Gateway.Core.Framing;

/// <summary>
/// Formats frames as ADR 0001 lines: <c>$&lt;type&gt;,&lt;seq&gt;[,&lt;field&gt;]...*CRC\n</c>, with the
/// checksum in upper case and no leading zeros. A frame whose fields break the format is refused with an
/// <see cref="ArgumentException"/>, so the writer never emits a line the reader rejects.
/// </summary>
public static class FrameWriter
{
    /// <summary>The longest line, <c>\n</c> included, that ADR 0001 allows.</summary>
    public const int MaxLineLength = FrameReaderOptions.DefaultMaxLineLength;

    /// <summary>
    /// Writes <paramref name="frame"/>'s line into <paramref name="destination"/>; false when it does not fit.
    /// </summary>
    /// <exception cref="ArgumentException">A field of the frame cannot be written.</exception>
    public static bool TryWrite(Frame frame, Span<byte> destination, out int bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var line = new LineBuilder(destination);
        line.Append((byte)'$');
        line.Append((byte)frame.Type);
        line.Append((byte)',');
        line.AppendDecimal(frame.Seq);
        switch (frame)
        {
            case HelloFrame hello:
                WriteHello(ref line, hello);
                break;
            case ReadingFrame reading:
                WriteReading(ref line, reading);
                break;
            case EventFrame @event:
                WriteEvent(ref line, @event);
                break;
            case AckFrame ack:
                WriteAck(ref line, ack);
                break;
            case NakFrame nak:
                WriteNak(ref line, nak);
                break;
            case CommandFrame command:
                WriteCommand(ref line, command);
                break;
        }

        return line.TryFinish(out bytesWritten);
    }

    /// <summary>Writes <paramref name="frame"/>'s line to <paramref name="output"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">
    /// A field cannot be written, or the line would exceed <see cref="MaxLineLength"/>.
    /// </exception>
    public static int Write(Frame frame, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> span = output.GetSpan(MaxLineLength)[..MaxLineLength];
        int written = WriteWithinLimit(frame, span);
        output.Advance(written);
        return written;
    }

    /// <summary>The line of <paramref name="frame"/>, <c>\n</c> included.</summary>
    /// <exception cref="ArgumentException">
    /// A field cannot be written, or the line would exceed <see cref="MaxLineLength"/>.
    /// </exception>
    public static byte[] ToBytes(Frame frame)
    {
        Span<byte> span = stackalloc byte[MaxLineLength];
        return span[..WriteWithinLimit(frame, span)].ToArray();
    }

    /// <summary>The line of <paramref name="frame"/> as text, <c>\n</c> included.</summary>
    /// <exception cref="ArgumentException">
    /// A field cannot be written, or the line would exceed <see cref="MaxLineLength"/>.
    /// </exception>
    public static string ToLine(Frame frame)
    {
        Span<byte> span = stackalloc byte[MaxLineLength];
        return Encoding.ASCII.GetString(span[..WriteWithinLimit(frame, span)]);
    }

    private static int WriteWithinLimit(Frame frame, Span<byte> span)
    {
        if (!TryWrite(frame, span, out int written))
        {
            throw new ArgumentException($"The {frame.Type} frame's line is longer than {MaxLineLength} bytes.", nameof(frame));
        }

        return written;
    }

    private static void WriteHello(ref LineBuilder line, HelloFrame hello)
    {
        line.Append(",p="u8);
        line.AppendDecimal(hello.ProtocolVersion);
        line.Append(",id="u8);
        line.AppendField(hello.DeviceId, FieldRule.Hex16, "Device id");
        line.Append(",boot="u8);
        line.AppendField(hello.BootId, FieldRule.Hex8, "Boot id");
        line.Append(",fw="u8);
        line.AppendField(hello.Firmware, FieldRule.FirmwareToken, "Firmware");
        line.Append(",ver="u8);
        line.AppendField(hello.FirmwareVersion, FieldRule.FirmwareToken, "Firmware version");
        line.Append(",iv="u8);
        line.AppendDecimal(hello.IntervalMs);
        if (hello.ResendCapacity > 0)
        {
            line.Append(",rs="u8);
            line.AppendDecimal(hello.ResendCapacity);
        }

        line.Append(",s="u8);
        for (int index = 0; index < hello.Sensors.Length; index++)
        {
            SensorInfo sensor = hello.Sensors[index];
            if (index > 0)
            {
                line.Append((byte)';');
            }

            line.AppendField(sensor.Name, FieldRule.Name, "Sensor name");
            line.Append((byte)':');
            line.AppendField(sensor.Unit, FieldRule.Unit, "Unit");
        }

        for (int index = 0; index < hello.Outputs.Length; index++)
        {
            OutputInfo output = hello.Outputs[index];
            line.Append(index == 0 ? ",o="u8 : ";"u8);
            line.AppendDecimal(output.Pin);
            line.Append((byte)':');
            line.AppendField(output.Name, FieldRule.Name, "Output name");
        }
    }

    private static void WriteReading(ref LineBuilder line, ReadingFrame reading)
    {
        if (reading.Values.IsEmpty)
        {
            throw new ArgumentException("A reading frame needs at least one value.");
        }

        foreach (SensorValue value in reading.Values)
        {
            line.Append((byte)',');
            line.AppendField(value.Name, FieldRule.Name, "Sensor name");
            line.Append((byte)'=');
            line.AppendField(value.Text, FieldRule.Number, "Value");
        }
    }

    private static void WriteEvent(ref LineBuilder line, EventFrame @event)
    {
        line.Append((byte)',');
        line.AppendField(@event.EventType, FieldRule.Name, "Event type");
        AppendOptionalText(ref line, @event.Text);
    }

    private static void WriteAck(ref LineBuilder line, AckFrame ack)
    {
        line.Append((byte)',');
        line.AppendDecimal(ack.CommandId);
        foreach (KeyValuePair<string, string> field in ack.Fields)
        {
            line.Append((byte)',');
            line.AppendField(field.Key, FieldRule.Name, "Ack key");
            line.Append((byte)'=');
            line.AppendField(field.Value, FieldRule.FieldText, "Ack value");
        }
    }

    private static void WriteNak(ref LineBuilder line, NakFrame nak)
    {
        line.Append((byte)',');
        line.AppendDecimal(nak.CommandId);
        line.Append((byte)',');
        line.Append(FrameDecoder.NakReasonText(nak.Reason));
        AppendOptionalText(ref line, nak.Text);
    }

    private static void WriteCommand(ref LineBuilder line, CommandFrame command)
    {
        line.Append((byte)',');
        line.AppendField(command.Verb, FieldRule.Name, "Verb");
        foreach (string arg in command.Args)
        {
            line.Append((byte)',');
            line.AppendField(arg, FieldRule.FieldText, "Argument");
        }
    }

    private static void AppendOptionalText(ref LineBuilder line, string text)
    {
        if (text.Length > 0)
        {
            line.Append((byte)',');
            line.AppendText(text);
        }
    }
}
