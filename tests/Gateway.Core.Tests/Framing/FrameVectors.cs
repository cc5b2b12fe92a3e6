using System.Globalization;
using System.Text;

namespace Gateway.Core.Tests.Framing;

/// <summary>The shared vectors of tests/vectors/frames.tsv, copied next to the test binaries.</summary>
internal static class FrameVectors
{
    public static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "vectors", "frames.tsv");

    private static readonly Lazy<IReadOnlyList<VectorRecord>> LazyRecords = new(Load);

    public static IReadOnlyList<VectorRecord> Records => LazyRecords.Value;

    public static VectorRecord At(int lineNumber) => Records.Single(record => record.LineNumber == lineNumber);

    /// <summary>One theory row per record of <paramref name="kind"/>, named by its note or its columns.</summary>
    public static TheoryData<int> Rows(string kind, Func<VectorRecord, string> name)
    {
        var rows = new TheoryData<int>();
        foreach (VectorRecord record in Records.Where(record => record.Kind == kind))
        {
            rows.Add(new TheoryDataRow<int>(record.LineNumber) { TestDisplayName = $"{kind}: {name(record)}" });
        }

        return rows;
    }

    /// <summary>Turns the escapes of the text columns (\\, \t, \r, \n, \xHH) into bytes.</summary>
    public static byte[] Unescape(string text)
    {
        var bytes = new List<byte>();
        for (int index = 0; index < text.Length; index++)
        {
            if (text[index] != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[index].ToString()));
                continue;
            }

            char escape = text[++index];
            switch (escape)
            {
                case '\\': bytes.Add((byte)'\\'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 'x':
                    bytes.Add(byte.Parse(text.AsSpan(index + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    index += 2;
                    break;
                default: throw new FormatException($"Unknown escape \\{escape} in '{text}'.");
            }
        }

        return [.. bytes];
    }

    private static List<VectorRecord> Load()
    {
        var records = new List<VectorRecord>();
        string[] lines = File.ReadAllLines(FilePath, Encoding.UTF8);
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] columns = line.Split('\t');
            records.Add(new VectorRecord(index + 1, columns[0], columns[1..]));
        }

        return records;
    }
}

/// <summary>A record of the vector file: its kind and the columns after the kind.</summary>
internal sealed record VectorRecord(int LineNumber, string Kind, string[] Columns)
{
    public string Column(int index) => index < Columns.Length ? Columns[index] : string.Empty;
}
