using System.Buffers;
using Gateway.Core.Framing;
using Gateway.Core.Telemetry;
using Record = Gateway.Core.Telemetry.Record;

namespace Gateway.Core.Tests.Telemetry;

public class RecordCodecTests
{
    public static TheoryData<string> Names => ["plain", "odd values", "untrusted lenient", "untrusted with host boot", "event", "event empty", "event unicode", "event untrusted with host boot"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_field_survives_a_round_trip(string name)
    {
        var record = Samples()[name];
        var bytes = Encode(record);

        Assert.True(RecordCodec.TryRead(bytes, out var plain));
        Assert.True(RecordCodec.TryRead(bytes, new RecordReadCache(), out var cached));
        Assert.Equal(Describe(record), Describe(plain!));
        Assert.Equal(Describe(record), Describe(cached!));
        Assert.Equal(bytes, Encode(plain!));
    }

    [Fact]
    public void Values_keep_their_exact_bits_and_their_text_even_when_the_two_disagree()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);
        var reading = Reading(
            new SensorValue("a", 21.5, "21.50"),
            new SensorValue("b", -0.0, "-0"),
            new SensorValue("c", 0.0, "-0"),
            new SensorValue("d", nan, "nan"),
            new SensorValue("e", 1.0, "not a number"),
            new SensorValue("f", double.Epsilon, "4.94065645841247E-324"),
            new SensorValue("g", double.MaxValue, "1.7976931348623157E+308"));

        Assert.True(RecordCodec.TryRead(Encode(reading), out var back));
        var values = ((Reading)back!).Values;
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(reading.Values[i].Value), BitConverter.DoubleToInt64Bits(values[i].Value));
            Assert.Equal(reading.Values[i].Text, values[i].Text);
        }
    }

    [Fact]
    public void A_value_equal_to_its_parsed_text_costs_no_double()
    {
        var exact = Reading(new SensorValue("t", 21.5, "21.5"));
        var inexact = Reading(new SensorValue("t", 21.25, "21.5"));

        Assert.Equal(Encode(exact).Length + 8, Encode(inexact).Length);
    }

    [Fact]
    public void The_header_reads_the_common_fields_alone()
    {
        foreach (var record in Samples().Values)
        {
            Assert.True(RecordCodec.TryReadHeader(Encode(record), null, out var header));
            Assert.Equal(record is Reading ? RecordCodec.ReadingType : RecordCodec.BoardEventType, header.Type);
            // A header does not read the host boot: that is for correcting a time when the record is sent.
            Assert.Equal((record.DeviceId, record.BootId, record.Seq, record.Stamp with { HostBoot = 0 }), (header.DeviceId, header.BootId, header.Seq, header.Stamp));
        }
    }

    [Fact]
    public void A_cache_gives_back_the_same_units_array_while_the_units_repeat()
    {
        var cache = new RecordReadCache();
        var bytes = Encode(Samples()["plain"]);

        Assert.True(RecordCodec.TryRead(bytes, cache, out var first));
        Assert.True(RecordCodec.TryRead(bytes, cache, out var second));
        Assert.Equal(((Reading)first!).Units, ((Reading)second!).Units);
        Assert.Same(((Reading)first).DeviceId, ((Reading)second).DeviceId);
    }

    [Fact]
    public void Every_truncation_and_any_trailing_byte_is_rejected()
    {
        foreach (var record in Samples().Values)
        {
            var bytes = Encode(record);
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.False(RecordCodec.TryRead(bytes.AsSpan(0, length), out _), $"{length} of {bytes.Length}");
            }

            Assert.False(RecordCodec.TryRead([.. bytes, 0], out _));
        }
    }

    [Fact]
    public void An_unknown_version_or_type_is_rejected()
    {
        var bytes = Encode(Samples()["plain"]);
        var version = (byte[])bytes.Clone();
        version[0] = 2;
        var type = (byte[])bytes.Clone();
        type[1] = 9;

        Assert.False(RecordCodec.TryRead(version, out _));
        Assert.False(RecordCodec.TryRead(type, out _));
        Assert.False(RecordCodec.TryReadHeader(type, null, out _));
    }

    [Fact]
    public void Garbage_and_mutations_never_throw()
    {
        var random = new Random(3003);
        var cache = new RecordReadCache();
        var samples = Samples().Values.Select(Encode).ToArray();
        var accepted = 0;
        for (var round = 0; round < 100_000; round++)
        {
            byte[] data;
            if (round % 2 == 0)
            {
                data = new byte[random.Next(0, 80)];
                random.NextBytes(data);
            }
            else
            {
                data = (byte[])samples[random.Next(samples.Length)].Clone();
                data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
            }

            if (RecordCodec.TryRead(data, cache, out var record))
            {
                accepted++;
                Assert.NotNull(record);
            }

            RecordCodec.TryReadHeader(data, cache, out _);
        }

        Assert.True(accepted > 0, "some mutations (in text bytes) should still decode");
    }

    private static Dictionary<string, Record> Samples() => new()
    {
        ["plain"] = Reading(SensorValue.Create("temp", 21.5), SensorValue.Create("light", 40.1), new SensorValue("hum", 55, "55")),
        ["odd values"] = new Reading("3F9A2C71D04B8E15", "0000002A", uint.MaxValue, new Stamp(long.MinValue, -5, true),
            [new SensorValue("x", -1e-300, "-1e-300"), new SensorValue("y", 12345678901234.5, "12345678901234.5")], ["m/s²", ""], checksummed: true),
        ["untrusted lenient"] = new Reading("port-ttyUSB0", string.Empty, 0, new Stamp(0, long.MaxValue, false),
            [new SensorValue("v", 3.3, "3.30")], ["V"], checksummed: false),
        ["event"] = new BoardEvent("3F9A2C71D04B8E15", "0000002A", 7, new Stamp(1_750_000_000_000, 12_345, true), "fault", "sensor temp, no answer"),
        ["untrusted with host boot"] = new Reading("3F9A2C71D04B8E15", "0000002A", 9, new Stamp(1_000, 31_000, false, 0xDEADBEEF), [new SensorValue("t", 1, "1")], ["C"], checksummed: true),
        ["event untrusted with host boot"] = new BoardEvent("d", "00000001", 3, new Stamp(5, 6, false, 1), "button", "pressed"),
        ["event empty"] = new BoardEvent("d", string.Empty, 1, new Stamp(1, 1, false), "button", string.Empty),
        ["event unicode"] = new BoardEvent("d", "00000001", 2, new Stamp(2, 2, true), "note", "Température 21 °C — ok ✓ \u0000 end"),
    };

    private static Reading Reading(params SensorValue[] values) =>
        new("3F9A2C71D04B8E15", "0000002A", 42, new Stamp(1_750_000_000_123, 987_654, true), [.. values], [.. values.Select(v => "u")], checksummed: true);

    private static byte[] Encode(Record record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RecordCodec.Write(buffer, record);
        return buffer.WrittenSpan.ToArray();
    }

    private static string Describe(Record record) => record switch
    {
        Reading r => $"R {Common(r)} {r.Checksummed} [{string.Join("; ", r.Values.Select((v, i) => $"{v.Name}={BitConverter.DoubleToInt64Bits(v.Value):X}/{v.Text}/{r.Units[i]}"))}]",
        BoardEvent e => $"E {Common(e)} {e.EventType} <{e.Text}>",
        _ => "?",
    };

    private static string Common(Record r) => $"{r.DeviceId} {r.BootId} {r.Seq} {r.Stamp.WallMs} {r.Stamp.MonotonicMs} {r.Stamp.Trusted} {r.Stamp.HostBoot}";
}
