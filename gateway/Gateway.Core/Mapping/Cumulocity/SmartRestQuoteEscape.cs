namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>How an embedded quote is escaped inside a quoted field.</summary>
public enum SmartRestQuoteEscape
{
    /// <summary>
    /// Only <c>""</c>; a backslash is an ordinary character. What devices send upstream and what the
    /// gateway writes.
    /// </summary>
    Doubled,

    /// <summary>
    /// <c>""</c> or <c>\"</c>; any other backslash is an ordinary character. What Cumulocity sends
    /// downstream (<c>"execute \"this\""</c>). A quoted field cannot end in a literal backslash.
    /// </summary>
    DoubledOrBackslash,
}
