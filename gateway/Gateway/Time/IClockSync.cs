namespace Gateway.Time;

/// <summary>Whether the system's wall clock is synchronised (cheap to ask; cached by implementations).</summary>
public interface IClockSync
{
    /// <summary>True once the wall clock can be trusted.</summary>
    bool IsSynchronised { get; }
}
