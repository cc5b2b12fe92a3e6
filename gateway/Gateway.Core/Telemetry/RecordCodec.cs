using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Gateway.Core.Framing;

namespace Gateway.Core.Telemetry;

/// <summary>
/// The binary form of a <see cref="Record"/> in the gateway's store (ADR 0003). Pure: no I/O, no logging.
/// <para>
/// Version 1: <c>u8 version, u8 type, str deviceId, str bootId, varuint seq, i64 wallMs, zigzag-varint
/// monotonicMs, u8 flags (1 trusted, 2 checksummed)</c>, then per type — reading (1): <c>varuint count</c> and
/// per value <c>str name, str text, str unit, u8 form</c> (form 0: the value is the text parsed as a double,
/// bit for bit; form 1: an <c>f64</c> follows); event (2): <c>str eventType, str text</c>.
/// <c>str</c> is a varuint byte count and UTF-8; integers are little-endian.
/// </para>
/// </summary>
public static class RecordCodec
{
    /// <summary>The format version written.</summary>
    public const byte Version = 1;

    /// <summary>Type tag of a <see cref="Reading"/>.</summary>
    public const byte ReadingType = 1;

    /// <summary>Type tag of a <see cref="BoardEvent"/>.</summary>
    public const byte BoardEventType = 2;

    private const int MaxString = 16 * 1024;
    private const int MaxValues = 1024;
    private const byte Trusted = 1;
    private const byte Checksummed = 2;
    private const byte HasHostBoot = 4;

    /// <summary>Whether <paramref name="record"/>'s type has a binary form.</summary>
    public static bool CanWrite(Record record) => record is Reading or BoardEvent;

    /// <summary>Appends the binary form of <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">The record's type has no binary form (<see cref="CanWrite"/>).</exception>
    public static void Write(IBufferWriter<byte> writer, Record record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        var reading = record as Reading;
        var boardEvent = record as BoardEvent;
        if (reading is null && boardEvent is null)
        {
            throw new ArgumentException($"No binary form for records of type {record.GetType().Name}.", nameof(record));
        }

        var max = 2 + 10 + 5 + 8 + 10 + 1 + 4 + MaxBytes(record.DeviceId) + MaxBytes(record.BootId);
        if (reading is not null)
        {
            max += 5;
            for (var i = 0; i < reading.Values.Length; i++)
            {
                max += MaxBytes(reading.Values[i].Name) + MaxBytes(reading.Values[i].Text) + MaxBytes(reading.Units[i]) + 9;
            }
        }
        else
        {
            max += MaxBytes(boardEvent!.EventType) + MaxBytes(boardEvent.Text);
        }

        var span = writer.GetSpan(max);
        var at = 0;
        span[at++] = Version;
        span[at++] = reading is not null ? ReadingType : BoardEventType;
        PutString(span, ref at, record.DeviceId);
        PutString(span, ref at, record.BootId);
        PutVarint(span, ref at, record.Seq);
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], record.Stamp.WallMs);
        at += 8;
        PutVarint(span, ref at, (ulong)((record.Stamp.MonotonicMs << 1) ^ (record.Stamp.MonotonicMs >> 63)));
        var hostBoot = record.Stamp.Trusted ? 0 : record.Stamp.HostBoot;
        span[at++] = (byte)((record.Stamp.Trusted ? Trusted : 0) | (reading is { Checksummed: true } ? Checksummed : 0) | (hostBoot != 0 ? HasHostBoot : 0));
        if (hostBoot != 0)
        {
            // Only an untrusted stamp needs to know its host boot (ADR 0004): trusted records stay 4 bytes shorter.
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], hostBoot);
            at += 4;
        }
        if (reading is not null)
        {
            PutVarint(span, ref at, (uint)reading.Values.Length);
            for (var i = 0; i < reading.Values.Length; i++)
            {
                var value = reading.Values[i];
                PutString(span, ref at, value.Name);
                PutString(span, ref at, value.Text);
                PutString(span, ref at, reading.Units[i]);
                var exact = TryParse(value.Text, out var parsed) && BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(value.Value);
                span[at++] = exact ? (byte)0 : (byte)1;
                if (!exact)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(span[at..], BitConverter.DoubleToInt64Bits(value.Value));
                    at += 8;
                }
            }
        }
        else
        {
            PutString(span, ref at, boardEvent!.EventType);
            PutString(span, ref at, boardEvent.Text);
        }

        writer.Advance(at);
    }

    /// <summary>Reads a whole record; false (never an exception) for anything that is not exactly one valid record.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Record? record) => TryRead(data, null, out record);

    /// <summary>Reads a whole record, taking repeated strings from <paramref name="cache"/> when one is given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, RecordReadCache? cache, out Record? record)
    {
        record = null;
        var reader = new Reader(data, cache);
        if (!TryReadHeader(ref reader, out var header) || !reader.TryByte(out var flags))
        {
            return false;
        }

        if ((flags & HasHostBoot) != 0)
        {
            if (header.Stamp.Trusted || !reader.TryUInt32(out var hostBoot) || hostBoot == 0)
            {
                return false;
            }

            header = header with { Stamp = header.Stamp with { HostBoot = hostBoot } };
        }

        if (header.Type == BoardEventType)
        {
            if ((flags & ~(Trusted | HasHostBoot)) != 0 || !reader.TryString(out var type, cached: true) || type.Length == 0 ||
                !reader.TryString(out var text, cached: false) || !reader.AtEnd)
            {
                return false;
            }

            record = new BoardEvent(header.DeviceId, header.BootId, header.Seq, header.Stamp, type, text);
            return true;
        }

        if (!reader.TryVarint(out var count) || count is 0 or > MaxValues || (flags & ~(Trusted | Checksummed | HasHostBoot)) != 0)
        {
            return false;
        }

        var values = ImmutableArray.CreateBuilder<SensorValue>((int)count);
        var units = cache?.Scratch((int)count) ?? new string[count];
        for (var i = 0; i < (int)count; i++)
        {
            if (!reader.TryString(out var name, cached: true) || !reader.TryString(out var text, cached: true) ||
                !reader.TryString(out units[i], cached: true) || !reader.TryByte(out var form))
            {
                return false;
            }

            double value;
            if (form == 0 ? !TryParse(text, out value) : form != 1 || !reader.TryDouble(out value))
            {
                return false;
            }

            values.Add(new SensorValue(name, value, text));
        }

        if (!reader.AtEnd)
        {
            return false;
        }

        var unitArray = cache?.Units(units, (int)count) ?? ImmutableArray.Create(units);
        record = new Reading(header.DeviceId, header.BootId, header.Seq, header.Stamp, values.MoveToImmutable(), unitArray, (flags & Checksummed) != 0);
        return true;
    }

    /// <summary>Reads the common part of a record (type, device, boot, seq, stamp) without the rest.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> data, RecordReadCache? cache, out RecordHeader header)
    {
        var reader = new Reader(data, cache);
        return TryReadHeader(ref reader, out header);
    }

    private static bool TryReadHeader(ref Reader reader, out RecordHeader header)
    {
        header = default;
        if (!reader.TryByte(out var version) || version != Version || !reader.TryByte(out var type) || type is not (ReadingType or BoardEventType) ||
            !reader.TryString(out var device, cached: true) || device.Length == 0 || !reader.TryString(out var boot, cached: true) ||
            !reader.TryVarint(out var seq) || seq > uint.MaxValue || !reader.TryInt64(out var wall) || !reader.TryVarint(out var zigzag) ||
            !reader.TryPeekByte(out var flags))
        {
            return false;
        }

        var monotonic = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        header = new RecordHeader(type, device, boot, (uint)seq, new Stamp(wall, monotonic, (flags & Trusted) != 0));
        return true;
    }

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static int MaxBytes(string value) => 5 + Encoding.UTF8.GetMaxByteCount(value.Length);

    private static void PutString(Span<byte> span, ref int at, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        PutVarint(span, ref at, (uint)count);
        at += Encoding.UTF8.GetBytes(value, span[at..]);
    }

    private static void PutVarint(Span<byte> span, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
    }

    private ref struct Reader(ReadOnlySpan<byte> data, RecordReadCache? cache)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public readonly bool TryPeekByte(out byte value)
        {
            value = _at < _data.Length ? _data[_at] : (byte)0;
            return _at < _data.Length;
        }

        public bool TryByte(out byte value)
        {
            var ok = TryPeekByte(out value);
            _at += ok ? 1 : 0;
            return ok;
        }

        public bool TryVarint(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (!TryByte(out var b))
                {
                    return false;
                }

                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return shift < 63 || b <= 1;
                }
            }

            return false;
        }

        public bool TryInt64(out long value)
        {
            value = 0;
            if (_data.Length - _at < 8)
            {
                return false;
            }

            value = BinaryPrimitives.ReadInt64LittleEndian(_data[_at..]);
            _at += 8;
            return true;
        }

        public bool TryUInt32(out uint value)
        {
            value = 0;
            if (_data.Length - _at < 4)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_at..]);
            _at += 4;
            return true;
        }

        public bool TryDouble(out double value)
        {
            var ok = TryInt64(out var bits);
            value = BitConverter.Int64BitsToDouble(bits);
            return ok;
        }

        public bool TryString(out string value, bool cached)
        {
            value = string.Empty;
            if (!TryVarint(out var count) || count > MaxString || (ulong)(_data.Length - _at) < count)
            {
                return false;
            }

            var bytes = _data.Slice(_at, (int)count);
            _at += (int)count;
            if (cached && cache is not null && Ascii.IsValid(bytes))
            {
                value = cache.Strings.Get(bytes);
                return true;
            }

            if (!Utf8.IsValid(bytes))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(bytes);
            return true;
        }
    }
}

/// <summary>The part every record shares, read by <see cref="RecordCodec.TryReadHeader"/>.</summary>
/// <param name="Type">The type tag (<see cref="RecordCodec.ReadingType"/>, <see cref="RecordCodec.BoardEventType"/>).</param>
/// <param name="DeviceId">The device.</param>
/// <param name="BootId">The board's boot id.</param>
/// <param name="Seq">The board's data sequence number.</param>
/// <param name="Stamp">When the gateway received it.</param>
public readonly record struct RecordHeader(byte Type, string DeviceId, string BootId, uint Seq, Stamp Stamp);

/// <summary>
/// What one reader of records keeps between records so that the device ids, names and units repeated in
/// every record are not allocated again each time. Not thread-safe: one per reader.
/// </summary>
public sealed class RecordReadCache
{
    private string[] _scratch = new string[8];
    private ImmutableArray<string> _lastUnits = [];

    internal AsciiStringCache Strings { get; } = new(256);

    internal string[] Scratch(int count)
    {
        if (_scratch.Length < count)
        {
            _scratch = new string[count];
        }

        return _scratch;
    }

    /// <summary>The units as an immutable array, the same instance as last time when they are the same.</summary>
    internal ImmutableArray<string> Units(string[] units, int count)
    {
        if (!_lastUnits.AsSpan().SequenceEqual(units.AsSpan(0, count)))
        {
            _lastUnits = ImmutableArray.Create(units, 0, count);
        }

        return _lastUnits;
    }
}
