using System.Text;

namespace Gateway.Store;

/// <summary>
/// The entries of the state file, pure. Each entry is one frame; for each key the last entry wins:
/// <c>1 consumer</c>: str name, u8 lane, varuint low, varuint count, count × varuint gap to the previous position;
/// <c>2 last seq</c>: str device, str boot, varuint seq; <c>3 lane head</c>: u8 lane, varuint next position.
/// </summary>
internal static class StateCodec
{
    private const byte ConsumerKind = 1;
    private const byte LastSeqKind = 2;
    private const byte HeadKind = 3;

    public static void WriteConsumer(FrameBuffer buffer, string name, OutboxLane lane, ConsumerPosition position)
    {
        var start = SegmentFormat.BeginFrame(buffer);
        PutByte(buffer, ConsumerKind);
        PutString(buffer, name);
        PutByte(buffer, (byte)lane);
        PutVarint(buffer, (ulong)position.Low);
        PutVarint(buffer, (ulong)position.Ahead.Length);
        var previous = position.Low;
        foreach (var ahead in position.Ahead)
        {
            PutVarint(buffer, (ulong)(ahead - previous));
            previous = ahead;
        }

        SegmentFormat.EndFrame(buffer, start);
    }

    public static void WriteLastSeq(FrameBuffer buffer, string device, DeviceSeq seq)
    {
        var start = SegmentFormat.BeginFrame(buffer);
        PutByte(buffer, LastSeqKind);
        PutString(buffer, device);
        PutString(buffer, seq.BootId);
        PutVarint(buffer, seq.Seq);
        SegmentFormat.EndFrame(buffer, start);
    }

    public static void WriteHead(FrameBuffer buffer, OutboxLane lane, long next)
    {
        var start = SegmentFormat.BeginFrame(buffer);
        PutByte(buffer, HeadKind);
        PutByte(buffer, (byte)lane);
        PutVarint(buffer, (ulong)next);
        SegmentFormat.EndFrame(buffer, start);
    }

    public static void WriteSnapshot(FrameBuffer buffer, StoreState state)
    {
        foreach (var lane in OutboxLanes.All)
        {
            WriteHead(buffer, lane, state.LaneHeads[(int)lane]);
        }

        foreach (var (name, lanes) in state.Consumers)
        {
            foreach (var lane in OutboxLanes.All)
            {
                WriteConsumer(buffer, name, lane, lanes[(int)lane]);
            }
        }

        foreach (var (device, seq) in state.LastSeqs)
        {
            WriteLastSeq(buffer, device, seq);
        }
    }

    /// <summary>Applies one entry to <paramref name="state"/>; false when it is not a valid entry.</summary>
    public static bool TryApply(ReadOnlySpan<byte> body, StoreState state)
    {
        var at = 0;
        if (!TryByte(body, ref at, out var kind))
        {
            return false;
        }

        switch (kind)
        {
            case ConsumerKind:
                if (!TryString(body, ref at, out var name) || name.Length == 0 || !TryLane(body, ref at, out var lane) ||
                    !TryVarint(body, ref at, out var low) || !TryVarint(body, ref at, out var count) || count > (ulong)body.Length)
                {
                    return false;
                }

                var ahead = new long[count];
                var previous = (long)low;
                for (var i = 0; i < ahead.Length; i++)
                {
                    if (!TryVarint(body, ref at, out var gap) || gap == 0)
                    {
                        return false;
                    }

                    previous += (long)gap;
                    ahead[i] = previous;
                }

                if (at != body.Length)
                {
                    return false;
                }

                state.SetConsumer(name, lane, new ConsumerPosition((long)low, ahead));
                return true;
            case LastSeqKind:
                if (!TryString(body, ref at, out var device) || device.Length == 0 || !TryString(body, ref at, out var boot) ||
                    !TryVarint(body, ref at, out var seq) || seq > uint.MaxValue || at != body.Length)
                {
                    return false;
                }

                state.LastSeqs[device] = new DeviceSeq(boot, (uint)seq);
                return true;
            case HeadKind:
                if (!TryLane(body, ref at, out var headLane) || !TryVarint(body, ref at, out var next) || at != body.Length)
                {
                    return false;
                }

                state.LaneHeads[(int)headLane] = Math.Max(state.LaneHeads[(int)headLane], (long)next);
                return true;
            default:
                return false;
        }
    }

    private static void PutByte(FrameBuffer buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private static void PutVarint(FrameBuffer buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var at = 0;
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
        buffer.Advance(at);
    }

    private static void PutString(FrameBuffer buffer, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        PutVarint(buffer, (ulong)count);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    private static bool TryByte(ReadOnlySpan<byte> data, ref int at, out byte value)
    {
        value = at < data.Length ? data[at] : (byte)0;
        return at++ < data.Length;
    }

    private static bool TryLane(ReadOnlySpan<byte> data, ref int at, out OutboxLane lane)
    {
        var ok = TryByte(data, ref at, out var value) && value < OutboxLanes.All.Length;
        lane = (OutboxLane)value;
        return ok;
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (!TryByte(data, ref at, out var b))
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= long.MaxValue;
            }
        }

        return false;
    }

    private static bool TryString(ReadOnlySpan<byte> data, ref int at, out string value)
    {
        value = string.Empty;
        if (!TryVarint(data, ref at, out var count) || count > (ulong)(data.Length - at) || !System.Text.Unicode.Utf8.IsValid(data.Slice(at, (int)count)))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(data.Slice(at, (int)count));
        at += (int)count;
        return true;
    }
}
