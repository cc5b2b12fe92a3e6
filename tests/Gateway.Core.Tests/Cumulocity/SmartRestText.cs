using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

/// <summary>Reading rows from text in tests.</summary>
internal static class SmartRestText
{
    public static SmartRestRow[] ReadAll(string payload, SmartRestQuoteEscape escape)
    {
        Assert.True(SmartRestReader.TryReadAll(Encoding.UTF8.GetBytes(payload), escape, out var rows, out var error), error);
        return [.. rows];
    }

    public static SmartRestRow ReadOne(string payload, SmartRestQuoteEscape escape) => Assert.Single(ReadAll(payload, escape));

    public static string Failure(string payload, SmartRestQuoteEscape escape) => Failure(Encoding.UTF8.GetBytes(payload), escape);

    public static string Failure(byte[] payload, SmartRestQuoteEscape escape)
    {
        ReadOnlySpan<byte> rest = payload;
        Assert.False(SmartRestReader.TryReadRow(ref rest, escape, out var row, out var error));
        Assert.Null(row);
        Assert.NotEmpty(error);
        return error;
    }
}
