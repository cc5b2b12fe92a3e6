namespace Gateway.Core.Tests.Framing;

/// <summary>
/// A deliberately simple, byte-at-a-time model of how ADR 0001 splits a link into outcomes, written
/// independently of <see cref="Gateway.Core.Framing.FrameReader"/>. It classifies a frame only as far as its
/// envelope (checksum marker, hex digits, CRC); a line whose checksum matches is reported as
/// <see langword="null"/> ("cannot tell"), so generators can avoid it.
/// </summary>
internal static class ReferenceLinkModel
{
    /// <summary>
    /// The outcomes of <paramref name="chunk"/>, read from the start of a line and cut at its end by the
    /// <c>$</c> of a following frame. Null when a frame in it has a matching checksum.
    /// </summary>
    public static List<string>? OutcomesBeforeFrame(byte[] chunk, int maxLineLength)
    {
        var outcomes = new List<string>();
        var unit = new List<byte>();
        bool skipping = false;
        foreach (byte value in chunk.Append((byte)'$'))
        {
            if (skipping)
            {
                if (value == (byte)'\n')
                {
                    skipping = false;
                    continue;
                }

                if (value != (byte)'$')
                {
                    continue;
                }

                skipping = false;
            }

            if (value == (byte)'\n' || (value == (byte)'$' && unit.Count > 0))
            {
                if (!Finish(unit, endsLine: value == (byte)'\n', outcomes))
                {
                    return null;
                }

                unit.Clear();
                if (value == (byte)'\n')
                {
                    continue;
                }
            }

            unit.Add(value);
            if (unit.Count == maxLineLength)
            {
                outcomes.Add("overlong");
                unit.Clear();
                skipping = true;
            }
        }

        // The '$' appended above is the next frame's: it started a unit of its own, not an outcome.
        return outcomes;
    }

    private static bool Finish(List<byte> unit, bool endsLine, List<string> outcomes)
    {
        List<byte> line = unit.Count > 0 && unit[^1] == (byte)'\r' ? unit.GetRange(0, unit.Count - 1) : unit;
        if (line.Count == 0)
        {
            return true;
        }

        if (line[0] != (byte)'$')
        {
            outcomes.Add("debug");
            return true;
        }

        int star = line.IndexOf((byte)'*');
        bool envelope = endsLine && star == line.Count - 5 && line.Skip(star + 1).All(IsHexDigit);
        if (!envelope)
        {
            outcomes.Add("malformed");
            return true;
        }

        ushort given = Convert.ToUInt16(string.Concat(line.Skip(star + 1).Select(b => (char)b)), 16);
        if (ReferenceCrc.Compute([.. line.GetRange(1, star - 1)]) == given)
        {
            return false;
        }

        outcomes.Add("crc");
        return true;
    }

    private static bool IsHexDigit(byte value) => Uri.IsHexDigit((char)value);
}
