namespace Gateway.Core.Framing;

/// <summary>
/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor),
/// the checksum of ADR 0001. Check value: <c>123456789</c> gives 0x29B1.
/// </summary>
public static class Crc16
{
    /// <summary>The value to start an incremental computation with.</summary>
    public const ushort Initial = 0xFFFF;

    private const ushort Polynomial = 0x1021;

    private static readonly ushort[] Table = BuildTable();

    /// <summary>Computes the checksum of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Update(Initial, data);

    /// <summary>
    /// Continues a computation: <c>Update(Update(Initial, a), b)</c> equals <c>Compute(a + b)</c>.
    /// </summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ushort[] table = Table;
        foreach (byte value in data)
        {
            crc = (ushort)((crc << 8) ^ table[(byte)((crc >> 8) ^ value)]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int index = 0; index < table.Length; index++)
        {
            int crc = index << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ Polynomial : crc << 1;
            }

            table[index] = (ushort)crc;
        }

        return table;
    }
}
