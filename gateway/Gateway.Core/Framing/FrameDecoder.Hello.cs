using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Gateway.Core.Framing;

/// <summary>The payload of H frames: <c>key=value</c> pairs in any order, unknown keys ignored.</summary>
internal sealed partial class FrameDecoder
{
    private Rejection DecodeHello(uint seq, FieldReader fields, out Frame? frame)
    {
        frame = null;

        // The version first: a hello of another major version need not follow version 1's other rules.
        if (!TryFindProtocolVersion(fields, out uint protocolVersion))
        {
            return Rejection.Malformed;
        }

        if (protocolVersion != HelloFrame.CurrentProtocolVersion)
        {
            return Rejection.Version;
        }

        HelloFields hello = default;
        while (fields.TryRead(out ReadOnlySpan<byte> field))
        {
            int equals = field.IndexOf((byte)'=');
            if (equals < 1 || !hello.TrySet(field[..equals], field[(equals + 1)..]))
            {
                return Rejection.Malformed;
            }
        }

        if (!FrameSyntax.IsHex(hello.Id, 16) || !FrameSyntax.IsHex(hello.Boot, 8)
            || !FrameSyntax.IsFirmwareToken(hello.Firmware) || !FrameSyntax.IsFirmwareToken(hello.Version)
            || !FrameSyntax.TryParseDecimal(hello.Interval, out uint intervalMs)
            || !TryParseResendCapacity(hello, out uint resendCapacity)
            || !hello.HasSensors || !TryParseSensors(hello.Sensors, out ImmutableArray<SensorInfo> sensors)
            || !TryParseOutputs(hello.Outputs, out ImmutableArray<OutputInfo> outputs))
        {
            return Rejection.Malformed;
        }

        var decoded = new HelloFrame(
            seq,
            protocolVersion,
            FrameSyntax.ToUpperHex(hello.Id),
            FrameSyntax.ToUpperHex(hello.Boot),
            NewString(hello.Firmware),
            NewString(hello.Version),
            intervalMs,
            resendCapacity,
            sensors,
            outputs);
        return Accept(decoded, out frame);
    }

    private static bool TryFindProtocolVersion(FieldReader fields, out uint version)
    {
        version = 0;
        bool found = false;
        while (fields.TryRead(out ReadOnlySpan<byte> field))
        {
            if (field.StartsWith("p="u8))
            {
                if (found || !FrameSyntax.TryParseDecimal(field[2..], out version))
                {
                    return false;
                }

                found = true;
            }
        }

        return found;
    }

    private static bool TryParseResendCapacity(in HelloFields hello, out uint capacity)
    {
        capacity = 0;
        return !hello.HasResend || FrameSyntax.TryParseDecimal(hello.Resend, out capacity);
    }

    /// <summary><c>name:unit</c> items separated by <c>;</c>; an empty value is no sensors.</summary>
    private bool TryParseSensors(ReadOnlySpan<byte> list, out ImmutableArray<SensorInfo> sensors)
    {
        sensors = [];
        var items = new SensorInfo[list.IsEmpty ? 0 : list.Count((byte)';') + 1];
        for (int index = 0; index < items.Length; index++)
        {
            ReadOnlySpan<byte> item = NextListItem(ref list);
            int colon = item.IndexOf((byte)':');
            if (colon < 0 || !FrameSyntax.IsName(item[..colon]) || !FrameSyntax.IsUnit(item[(colon + 1)..]))
            {
                return false;
            }

            string name = _names.Get(item[..colon]);
            for (int previous = 0; previous < index; previous++)
            {
                if (string.Equals(items[previous].Name, name, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            items[index] = new SensorInfo(name, NewString(item[(colon + 1)..]));
        }

        sensors = ImmutableCollectionsMarshal.AsImmutableArray(items);
        return true;
    }

    /// <summary><c>pin:name</c> items separated by <c>;</c>; absent or empty is no outputs.</summary>
    private bool TryParseOutputs(ReadOnlySpan<byte> list, out ImmutableArray<OutputInfo> outputs)
    {
        outputs = [];
        var items = new OutputInfo[list.IsEmpty ? 0 : list.Count((byte)';') + 1];
        for (int index = 0; index < items.Length; index++)
        {
            ReadOnlySpan<byte> item = NextListItem(ref list);
            int colon = item.IndexOf((byte)':');
            if (colon < 0 || !FrameSyntax.TryParseDecimal(item[..colon], out uint pin)
                || !FrameSyntax.IsName(item[(colon + 1)..]))
            {
                return false;
            }

            string name = _names.Get(item[(colon + 1)..]);
            for (int previous = 0; previous < index; previous++)
            {
                if (items[previous].Pin == pin || string.Equals(items[previous].Name, name, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            items[index] = new OutputInfo(pin, name);
        }

        outputs = ImmutableCollectionsMarshal.AsImmutableArray(items);
        return true;
    }

    private static ReadOnlySpan<byte> NextListItem(ref ReadOnlySpan<byte> list)
    {
        int separator = list.IndexOf((byte)';');
        ReadOnlySpan<byte> item = separator < 0 ? list : list[..separator];
        list = separator < 0 ? default : list[(separator + 1)..];
        return item;
    }
}
