namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>The state of a relay in <c>c8y_Relay</c> and <c>c8y_RelayArray</c>.</summary>
public enum RelayState
{
    /// <summary><c>OPEN</c>: the circuit is open (off).</summary>
    Open,

    /// <summary><c>CLOSED</c>: the circuit is closed (on).</summary>
    Closed,
}

/// <summary>The wire names of <see cref="RelayState"/>.</summary>
public static class RelayStates
{
    /// <summary><c>OPEN</c> or <c>CLOSED</c>.</summary>
    public static string ToText(RelayState state) => state == RelayState.Closed ? "CLOSED" : "OPEN";

    /// <summary>
    /// Reads <c>OPEN</c> or <c>CLOSED</c> (any case); <c>CLOSE</c>, which one documentation example
    /// uses, is taken as <c>CLOSED</c>.
    /// </summary>
    public static bool TryParse(string text, out RelayState state)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("OPEN", StringComparison.OrdinalIgnoreCase))
        {
            state = RelayState.Open;
            return true;
        }

        state = RelayState.Closed;
        return text.Equals("CLOSED", StringComparison.OrdinalIgnoreCase) || text.Equals("CLOSE", StringComparison.OrdinalIgnoreCase);
    }
}
