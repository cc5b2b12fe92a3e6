namespace Gateway.Serial;

/// <summary>Opens serial ports.</summary>
public interface ISerialPortOpener
{
    /// <summary>Opens <paramref name="path"/> at <paramref name="baudRate"/> (8N1, raw). Throws IOException-family errors when it cannot.</summary>
    ISerialConnection Open(string path, int baudRate);
}
