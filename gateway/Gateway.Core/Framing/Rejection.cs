namespace Gateway.Core.Framing;

/// <summary>Why a line was not taken as a frame (the rejection counters of ADR 0001).</summary>
public enum Rejection
{
    /// <summary>Not a rejection.</summary>
    None = 0,

    /// <summary>The line exceeds the maximum length; the rest of it up to <c>\n</c> is skipped.</summary>
    Overlong,

    /// <summary>
    /// No <c>*</c> and 4 hex digits, a bad seq, a forbidden byte, missing or bad fields, or a frame cut
    /// short by a new <c>$</c>.
    /// </summary>
    Malformed,

    /// <summary>The checksum does not match.</summary>
    Crc,

    /// <summary>A valid checksum, but a type letter this version does not know.</summary>
    Unknown,

    /// <summary>A hello of another protocol version, or any frame after it until a version 1 hello.</summary>
    Version,
}
