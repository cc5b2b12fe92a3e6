using System.Globalization;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// Times in SmartREST 2.0 rows: ISO-8601 with milliseconds and an explicit offset, <c>Z</c> for UTC
/// (<c>2022-03-19T12:03:27.845Z</c>, <c>2016-06-22T17:03:14.000+02:00</c>).
/// </summary>
public static class SmartRestTime
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string OffsetFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    /// <summary>Writes <paramref name="time"/> with its own offset.</summary>
    public static string ToText(DateTimeOffset time) =>
        time.ToString(time.Offset == TimeSpan.Zero ? UtcFormat : OffsetFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="time"/>, or "" (server time) when it is null.</summary>
    public static string ToText(DateTimeOffset? time) => time is { } t ? ToText(t) : string.Empty;
}
