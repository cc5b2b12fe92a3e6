using System.Globalization;
using System.Text;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// A bit-by-bit CRC-16/CCITT-FALSE, independent of the table-driven production code, to frame test lines.
/// </summary>
internal static class ReferenceCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte value in data)
        {
            crc ^= value << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }

        return (ushort)crc;
    }

    /// <summary><c>$</c> + <paramref name="body"/> + <c>*CRC</c> (no line end).</summary>
    public static string Frame(string body) =>
        "$" + body + "*" + Compute(Encoding.ASCII.GetBytes(body)).ToString("X4", CultureInfo.InvariantCulture);
}
