namespace Gateway.Core.Framing;

/// <summary>Why a board refused a command.</summary>
public enum NakReason
{
    /// <summary><c>unknown</c>: the board does not know the verb.</summary>
    UnknownVerb = 1,

    /// <summary><c>badarg</c>: an argument is missing or out of range.</summary>
    BadArgument,

    /// <summary><c>busy</c>: the board cannot take the command now.</summary>
    Busy,

    /// <summary><c>malformed</c>: the command line had a valid checksum but could not be parsed.</summary>
    Malformed,
}
