using System.Buffers;
using System.Globalization;

namespace Gateway.Core.Framing;

/// <summary>The byte-level rules of ADR 0001, shared by the decoder and the writer.</summary>
internal static class FrameSyntax
{
    public const int MaxNameLength = 32;
    public const int MaxUnitLength = 16;
    public const int MaxDecimalDigits = 10;

    private static readonly SearchValues<byte> NameBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"u8);

    private static readonly SearchValues<byte> FirmwareBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+-"u8);

    private static readonly SearchValues<byte> HexBytes = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    private static readonly SearchValues<byte> ReservedBytes = SearchValues.Create("$*,"u8);

    /// <summary>Sensor, output and event names, and keys: <c>[A-Za-z0-9_.-]{1,32}</c>.</summary>
    public static bool IsName(ReadOnlySpan<byte> text) =>
        text.Length is > 0 and <= MaxNameLength && !text.ContainsAnyExcept(NameBytes);

    /// <summary>Firmware names and versions: <c>[A-Za-z0-9_.+-]{1,32}</c>.</summary>
    public static bool IsFirmwareToken(ReadOnlySpan<byte> text) =>
        text.Length is > 0 and <= MaxNameLength && !text.ContainsAnyExcept(FirmwareBytes);

    /// <summary>Bytes 0x20–0x7E except <c>$</c>, <c>*</c> and <c>,</c>: what a field may hold.</summary>
    public static bool IsFieldText(ReadOnlySpan<byte> text) =>
        !text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) && !text.ContainsAny(ReservedBytes);

    /// <summary>Units: 0–16 bytes of the field alphabet without <c>;</c> and <c>:</c>.</summary>
    public static bool IsUnit(ReadOnlySpan<byte> text) =>
        text.Length <= MaxUnitLength && IsFieldText(text) && !text.ContainsAny((byte)';', (byte)':');

    public static bool IsHex(ReadOnlySpan<byte> text, int length) =>
        text.Length == length && !text.ContainsAnyExcept(HexBytes);

    /// <summary>A decimal number: <c>-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?</c>.</summary>
    public static bool IsNumber(ReadOnlySpan<byte> text)
    {
        int index = 0;
        if (index < text.Length && text[index] == (byte)'-')
        {
            index++;
        }

        if (!SkipDigits(text, ref index))
        {
            return false;
        }

        if (index < text.Length && text[index] == (byte)'.')
        {
            index++;
            if (!SkipDigits(text, ref index))
            {
                return false;
            }
        }

        if (index < text.Length && (text[index] | 0x20) == (byte)'e')
        {
            index++;
            if (index < text.Length && text[index] is (byte)'+' or (byte)'-')
            {
                index++;
            }

            if (!SkipDigits(text, ref index))
            {
                return false;
            }
        }

        return index == text.Length;
    }

    /// <summary>Parses a number of <see cref="IsNumber"/>'s syntax whose value is finite.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        return IsNumber(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Parses 1 to 10 decimal digits (leading zeros allowed) up to <see cref="uint.MaxValue"/>.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        if (text.Length is 0 or > MaxDecimalDigits || text.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        ulong result = 0;
        foreach (byte digit in text)
        {
            result = (result * 10) + (uint)(digit - '0');
        }

        if (result > uint.MaxValue)
        {
            return false;
        }

        value = (uint)result;
        return true;
    }

    /// <summary>Parses exactly four hex digits of either case.</summary>
    public static bool TryParseHex16(ReadOnlySpan<byte> text, out ushort value)
    {
        value = 0;
        if (!IsHex(text, 4))
        {
            return false;
        }

        int result = 0;
        foreach (byte digit in text)
        {
            result = (result << 4) | HexValue(digit);
        }

        value = (ushort)result;
        return true;
    }

    /// <summary>The value of a hex digit already known to be one.</summary>
    public static int HexValue(byte digit) => digit <= (byte)'9' ? digit - '0' : (digit | 0x20) - 'a' + 10;

    /// <summary>An upper-case hex digit for a value 0–15.</summary>
    public static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);

    /// <summary>A string of hex digits already validated, in upper case.</summary>
    public static string ToUpperHex(ReadOnlySpan<byte> hex)
    {
        Span<char> chars = stackalloc char[hex.Length];
        for (int index = 0; index < hex.Length; index++)
        {
            byte digit = hex[index];
            chars[index] = (char)(digit is >= (byte)'a' and <= (byte)'f' ? digit - 0x20 : digit);
        }

        return new string(chars);
    }

    private static bool SkipDigits(ReadOnlySpan<byte> text, ref int index)
    {
        int start = index;
        while (index < text.Length && text[index] - (uint)'0' <= 9)
        {
            index++;
        }

        return index > start;
    }
}
