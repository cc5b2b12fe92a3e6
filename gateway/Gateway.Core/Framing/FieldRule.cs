namespace Gateway.Core.Framing;

/// <summary>What a written field must look like (ADR 0001).</summary>
internal enum FieldRule
{
    /// <summary><c>[A-Za-z0-9_.-]{1,32}</c>.</summary>
    Name,

    /// <summary><c>[A-Za-z0-9_.+-]{1,32}</c>.</summary>
    FirmwareToken,

    /// <summary>0–16 field bytes without <c>;</c> and <c>:</c>.</summary>
    Unit,

    /// <summary>A decimal number <c>-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?</c>.</summary>
    Number,

    /// <summary>8 hex digits.</summary>
    Hex8,

    /// <summary>16 hex digits.</summary>
    Hex16,

    /// <summary>Any bytes 0x20–0x7E except <c>$</c>, <c>*</c> and <c>,</c>.</summary>
    FieldText,
}

internal static class FieldRules
{
    public static bool Matches(FieldRule rule, ReadOnlySpan<byte> value) => rule switch
    {
        FieldRule.Name => FrameSyntax.IsName(value),
        FieldRule.FirmwareToken => FrameSyntax.IsFirmwareToken(value),
        FieldRule.Unit => FrameSyntax.IsUnit(value),
        FieldRule.Number => FrameSyntax.IsNumber(value),
        FieldRule.Hex8 => FrameSyntax.IsHex(value, 8),
        FieldRule.Hex16 => FrameSyntax.IsHex(value, 16),
        _ => FrameSyntax.IsFieldText(value),
    };

    public static string Describe(FieldRule rule) => rule switch
    {
        FieldRule.Name => "expected 1-32 of A-Z a-z 0-9 _ . -",
        FieldRule.FirmwareToken => "expected 1-32 of A-Z a-z 0-9 _ . + -",
        FieldRule.Unit => "expected 0-16 printable ASCII characters other than $ * , ; :",
        FieldRule.Number => "expected a decimal number such as -12.5 or 1e3",
        FieldRule.Hex8 => "expected 8 hex digits",
        FieldRule.Hex16 => "expected 16 hex digits",
        _ => "expected printable ASCII characters other than $ * ,",
    };
}
