using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Gateway.Core.Framing;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Telemetry;
using static Gateway.Core.Tests.Framing.ReaderTestKit;

namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>The JSON of readings and events, read back with <see cref="JsonDocument"/>.</summary>
public partial class LocalPayloadsTests
{
    private const string Device = "3F9A2C71D04B8E15";

    /// <summary>2023-11-14T22:13:20.123Z.</summary>
    private static readonly Stamp Trusted = new(1_700_000_000_123, 52_000, Trusted: true);

    [Fact]
    public void A_reading_carries_its_header_checksum_flag_and_values()
    {
        var frame = Decode<ReadingFrame>("R,42,temp=21.50,big=1795381961438517565,odd=007,lead=-00.50,tiny=-2.5E-2,zero=-0");
        var reading = new Reading(Device, "0000002A", 42, Trusted, frame.Values, ["C", "", "%", "V", "", "hPa"], checksummed: true);

        var json = Write(buffer => LocalPayloads.WriteReading(buffer, reading));

        Assert.Equal(["device", "boot", "seq", "time", "checksum", "values"], Names(json));
        Assert.Equal((Device, "0000002A", 42u), (json.GetProperty("device").GetString(), json.GetProperty("boot").GetString(), json.GetProperty("seq").GetUInt32()));
        Assert.Equal("2023-11-14T22:13:20.123Z", json.GetProperty("time").GetString());
        Assert.True(json.GetProperty("checksum").GetBoolean());
        var values = json.GetProperty("values").EnumerateArray().ToArray();
        Assert.All(values, value => Assert.Equal(["sensor", "value", "unit"], Names(value)));
        Assert.Equal(["temp", "big", "odd", "lead", "tiny", "zero"], values.Select(v => v.GetProperty("sensor").GetString()));
        Assert.Equal(["21.50", "1795381961438517565", "7", "-0.5", "-2.5E-2", "-0"], values.Select(v => v.GetProperty("value").GetRawText()));
        Assert.Equal(frame.Values.Select(v => v.Value), values.Select(v => v.GetProperty("value").GetDouble()));
        Assert.Equal(1_795_381_961_438_517_565L, values[1].GetProperty("value").GetInt64());
        Assert.Equal(["C", "", "%", "V", "", "hPa"], values.Select(v => v.GetProperty("unit").GetString()));
    }

    [Fact]
    public void A_lenient_reading_says_it_was_not_checksummed_and_has_no_boot()
    {
        var reading = new Reading("port-ttyUSB0", string.Empty, 7, Trusted, [new("t", 21.5, "21.5")], [string.Empty], checksummed: false);

        var json = Write(buffer => LocalPayloads.WriteReading(buffer, reading));

        Assert.False(json.GetProperty("checksum").GetBoolean());
        Assert.Equal(("port-ttyUSB0", string.Empty, 7u), (json.GetProperty("device").GetString(), json.GetProperty("boot").GetString(), json.GetProperty("seq").GetUInt32()));
    }

    [Fact]
    public void The_time_says_it_is_untrusted_only_when_the_clock_was_not_synchronised()
    {
        var untrusted = new Reading(Device, "00000001", uint.MaxValue, Trusted with { Trusted = false }, [new("t", 1, "1")], ["C"], true);

        var json = Write(buffer => LocalPayloads.WriteReading(buffer, untrusted));

        Assert.Equal(["device", "boot", "seq", "time", "timeTrusted", "checksum", "values"], Names(json));
        Assert.Equal(JsonValueKind.False, json.GetProperty("timeTrusted").ValueKind);
        Assert.Equal(uint.MaxValue, json.GetProperty("seq").GetUInt32());
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00Z")]
    [InlineData(1_700_000_000_000L, "2023-11-14T22:13:20Z")]
    [InlineData(1_700_000_000_007L, "2023-11-14T22:13:20.007Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999Z")]
    public void The_time_is_iso_8601_in_utc(long wallMs, string time)
    {
        var boardEvent = new BoardEvent(Device, "00000001", 1, new Stamp(wallMs, 0, true), "button", "pressed");

        var json = Write(buffer => LocalPayloads.WriteEvent(buffer, boardEvent));

        Assert.Equal(time, json.GetProperty("time").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(wallMs), json.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public void An_event_carries_its_header_type_and_text()
    {
        var boardEvent = new BoardEvent(Device, "0000002A", 44, Trusted, "fault", "°C sensor \"open\"\n100%, <bad> & 'worse'");

        var json = Write(buffer => LocalPayloads.WriteEvent(buffer, boardEvent));

        Assert.Equal(["device", "boot", "seq", "time", "type", "text"], Names(json));
        Assert.Equal((Device, "0000002A", 44u), (json.GetProperty("device").GetString(), json.GetProperty("boot").GetString(), json.GetProperty("seq").GetUInt32()));
        Assert.Equal("2023-11-14T22:13:20.123Z", json.GetProperty("time").GetString());
        Assert.Equal(("fault", "°C sensor \"open\"\n100%, <bad> & 'worse'"), (json.GetProperty("type").GetString(), json.GetProperty("text").GetString()));
    }

    [Fact]
    public void An_event_without_text_has_an_empty_text()
    {
        var boardEvent = new BoardEvent(Device, "0000002A", 45, Trusted with { Trusted = false }, "recovered", string.Empty);

        var json = Write(buffer => LocalPayloads.WriteEvent(buffer, boardEvent));

        Assert.Equal(["device", "boot", "seq", "time", "timeTrusted", "type", "text"], Names(json));
        Assert.Equal(string.Empty, json.GetProperty("text").GetString());
    }

    [Fact]
    public void Null_records_are_refused()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentNullException>(() => LocalPayloads.WriteReading(buffer, null!));
        Assert.Throws<ArgumentNullException>(() => LocalPayloads.WriteEvent(buffer, null!));
        Assert.Throws<ArgumentNullException>(() => LocalPayloads.WriteMeta(buffer, null!));
        Assert.Throws<ArgumentNullException>(() => LocalPayloads.WriteCommandResult(buffer, "r1", Device, "info", null!, DateTimeOffset.UnixEpoch));
        Assert.Equal(0, buffer.WrittenCount);
    }

    private static JsonElement Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];

    private static ImmutableArray<KeyValuePair<string, string>> Fields(params string[] pairs) =>
        [.. pairs.Select(pair => pair.Split('=')).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1]))];
}
