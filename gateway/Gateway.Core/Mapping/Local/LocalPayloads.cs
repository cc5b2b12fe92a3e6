using System.Buffers;
using System.Text.Json;
using Gateway.Core.Devices;
using Gateway.Core.Operations;
using Gateway.Core.Telemetry;

namespace Gateway.Core.Mapping.Local;

/// <summary>The JSON payloads of the local topic scheme (ADR 0002). Pure functions over a buffer writer.</summary>
public static class LocalPayloads
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Writes a reading.</summary>
    public static void WriteReading(IBufferWriter<byte> output, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        WriteRecordHeader(json, reading);
        json.WriteBoolean("checksum"u8, reading.Checksummed);
        json.WriteStartArray("values"u8);
        for (var i = 0; i < reading.Values.Length; i++)
        {
            var value = reading.Values[i];
            json.WriteStartObject();
            json.WriteString("sensor"u8, value.Name);
            json.WritePropertyName("value"u8);
            JsonNumbers.Write(json, value);
            json.WriteString("unit"u8, reading.Units[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a board event.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, BoardEvent boardEvent)
    {
        ArgumentNullException.ThrowIfNull(boardEvent);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        WriteRecordHeader(json, boardEvent);
        json.WriteString("type"u8, boardEvent.EventType);
        json.WriteString("text"u8, boardEvent.Text);
        json.WriteEndObject();
    }

    /// <summary>Writes the retained metadata of a device.</summary>
    public static void WriteMeta(IBufferWriter<byte> output, DeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(device);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("device"u8, device.DeviceId);
        json.WriteString("mode"u8, device.Mode == LinkMode.Framed ? "framed" : "lenient");
        json.WriteString("port"u8, device.Port);
        json.WriteString("boot"u8, device.BootId);
        json.WriteString("firmware"u8, device.Firmware);
        json.WriteString("version"u8, device.FirmwareVersion);
        json.WriteNumber("protocol"u8, device.ProtocolVersion);
        json.WriteNumber("intervalMs"u8, device.IntervalMs);
        json.WriteNumber("resend"u8, device.ResendCapacity);
        json.WriteStartArray("sensors"u8);
        foreach (var sensor in device.Sensors)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, sensor.Name);
            json.WriteString("unit"u8, sensor.Unit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("outputs"u8);
        foreach (var outputPin in device.Outputs)
        {
            json.WriteStartObject();
            json.WriteNumber("pin"u8, outputPin.Pin);
            json.WriteString("name"u8, outputPin.Name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the result of a command.</summary>
    public static void WriteCommandResult(
        IBufferWriter<byte> output, string requestId, string deviceId, string command, CommandOutcome outcome, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("id"u8, requestId);
        json.WriteString("device"u8, deviceId);
        json.WriteString("command"u8, command);
        json.WriteString("status"u8, StatusName(outcome.Status));
        if (outcome.Reason.Length > 0)
        {
            json.WriteString("reason"u8, outcome.Reason);
        }

        if (outcome.Text.Length > 0)
        {
            json.WriteString("text"u8, outcome.Text);
        }

        json.WriteStartObject("result"u8);
        foreach (var field in outcome.Fields)
        {
            json.WriteString(field.Key, field.Value);
        }

        json.WriteEndObject();
        json.WriteString("time"u8, time.UtcDateTime);
        json.WriteEndObject();
    }

    /// <summary>The name of a status on the wire.</summary>
    public static string StatusName(CommandStatus status) => status switch
    {
        CommandStatus.Ok => "ok",
        CommandStatus.Rejected => "rejected",
        CommandStatus.Timeout => "timeout",
        CommandStatus.Offline => "offline",
        _ => "invalid",
    };

    private static void WriteRecordHeader(Utf8JsonWriter json, Record record)
    {
        json.WriteString("device"u8, record.DeviceId);
        json.WriteString("boot"u8, record.BootId);
        json.WriteNumber("seq"u8, record.Seq);
        json.WriteString("time"u8, record.Stamp.Wall.UtcDateTime);
        if (record.Stamp.Corrected)
        {
            json.WriteBoolean("timeCorrected"u8, true);
        }
        else if (!record.Stamp.Trusted)
        {
            json.WriteBoolean("timeTrusted"u8, false);
        }
    }
}
