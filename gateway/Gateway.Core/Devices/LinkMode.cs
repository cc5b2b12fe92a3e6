namespace Gateway.Core.Devices;

/// <summary>How the gateway reads a serial port.</summary>
public enum LinkMode
{
    /// <summary>Frames of ADR 0001 only; other lines are debug text.</summary>
    Framed,

    /// <summary>Frames, and also plain <c>name=value</c> lines from unmodified sketches.</summary>
    Lenient,
}
