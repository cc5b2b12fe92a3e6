using System.Buffers.Binary;

namespace Gateway.Store;

/// <summary>How a frame came out of <see cref="SegmentFormat.TryReadFrame"/>.</summary>
internal enum FrameStatus
{
    /// <summary>A whole frame whose check matches.</summary>
    Ok,

    /// <summary>The data ends inside the frame (a torn write, or the reader must read more).</summary>
    Short,

    /// <summary>Zero length or a failed check: not a frame.</summary>
    Corrupt,
}

/// <summary>
/// The on-disk layout of segment and state files (ADR 0003), pure. A file starts with a 32-byte header
/// (<c>magic[8], u16 version, u8 lane, 13 reserved zero bytes, i64 base position</c> — the base at offset 16 —
/// <c>…, u32 CRC-32C of bytes 0–27</c>), then frames: <c>u32 body length, u32 CRC-32C of the length bytes and
/// the body, body</c>. A segment frame's body is <c>i64 position</c> and the record's <see cref="Core.Telemetry.RecordCodec"/> form.
/// </summary>
internal static class SegmentFormat
{
    public const int HeaderSize = 32;
    public const int FrameHeaderSize = 8;
    public const int PositionSize = 8;

    /// <summary>The largest body accepted; anything longer is corruption.</summary>
    public const int MaxBody = 64 * 1024;

    public const ushort Version = 1;

    public const byte StateLane = 0xFF;

    public static ReadOnlySpan<byte> SegmentMagic => "GWOUTSEG"u8;

    public static ReadOnlySpan<byte> StateMagic => "GWOUTSTA"u8;

    public static void WriteHeader(Span<byte> header, ReadOnlySpan<byte> magic, byte lane, long basePosition)
    {
        header[..HeaderSize].Clear();
        magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        header[10] = lane;
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], basePosition);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Crc32C.Compute(header[..28]));
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> header, ReadOnlySpan<byte> magic, out byte lane, out long basePosition)
    {
        lane = 0;
        basePosition = 0;
        if (header.Length < HeaderSize || !header[..8].SequenceEqual(magic) ||
            BinaryPrimitives.ReadUInt32LittleEndian(header[28..]) != Crc32C.Compute(header[..28]) ||
            BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) != Version)
        {
            return false;
        }

        lane = header[10];
        basePosition = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        return true;
    }

    /// <summary>Starts a frame: reserves its header; returns where the frame starts.</summary>
    public static int BeginFrame(FrameBuffer buffer)
    {
        var start = buffer.Length;
        buffer.GetSpan(FrameHeaderSize);
        buffer.Advance(FrameHeaderSize);
        return start;
    }

    /// <summary>Ends the frame begun at <paramref name="start"/>: fills in its length and check.</summary>
    public static void EndFrame(FrameBuffer buffer, int start)
    {
        var frame = buffer.Written[start..];
        var bodyLength = frame.Length - FrameHeaderSize;
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)bodyLength);
        var crc = Crc32C.Append(Crc32C.Compute(frame[..4]), frame[FrameHeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], crc);
    }

    /// <summary>Writes a segment frame's position at the start of its body.</summary>
    public static void WritePosition(FrameBuffer buffer, long position)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(PositionSize), position);
        buffer.Advance(PositionSize);
    }

    /// <summary>Reads the frame at the start of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes from the frame's start.</param>
    /// <param name="body">The frame's body when <see cref="FrameStatus.Ok"/>.</param>
    /// <param name="frameLength">Header plus body when the length is plausible (also for <see cref="FrameStatus.Short"/>), else 0.</param>
    public static FrameStatus TryReadFrame(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> body, out int frameLength)
    {
        body = default;
        frameLength = 0;
        if (data.Length < FrameHeaderSize)
        {
            return FrameStatus.Short;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length is 0 or > MaxBody)
        {
            return FrameStatus.Corrupt;
        }

        frameLength = FrameHeaderSize + (int)length;
        if (data.Length < frameLength)
        {
            return FrameStatus.Short;
        }

        var candidate = data.Slice(FrameHeaderSize, (int)length);
        if (Crc32C.Append(Crc32C.Compute(data[..4]), candidate) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            return FrameStatus.Corrupt;
        }

        body = candidate;
        return FrameStatus.Ok;
    }

    /// <summary>The position in a segment frame's body.</summary>
    public static long PositionOf(ReadOnlySpan<byte> body) => BinaryPrimitives.ReadInt64LittleEndian(body);

    /// <summary>The record bytes in a segment frame's body.</summary>
    public static ReadOnlySpan<byte> RecordOf(ReadOnlySpan<byte> body) => body[PositionSize..];

    /// <summary>The file name of the segment whose first position is <paramref name="basePosition"/>.</summary>
    public static string SegmentFileName(long basePosition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{basePosition:D20}.seg");

    public static bool TryParseSegmentFileName(string fileName, out long basePosition)
    {
        basePosition = 0;
        return fileName.Length == 24 && fileName.EndsWith(".seg", StringComparison.Ordinal) &&
               long.TryParse(fileName.AsSpan(0, 20), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out basePosition);
    }
}
