namespace Gateway.Serial;

/// <summary>Opens ports as Linux ttys (<see cref="TtyConnection"/>).</summary>
public sealed class TtyOpener : ISerialPortOpener
{
    /// <inheritdoc />
    public ISerialConnection Open(string path, int baudRate) => TtyConnection.Open(path, baudRate);
}
