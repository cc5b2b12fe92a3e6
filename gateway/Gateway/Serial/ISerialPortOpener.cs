namespace Gateway.Serial;

/// <summary>The narrowest seam to serial hardware: open a port and get its byte stream.</summary>
public interface ISerialPortOpener
{
    /// <summary>Opens <paramref name="path"/> at <paramref name="baudRate"/> (8N1, raw). Throws IOException-family errors when it cannot.</summary>
    Stream Open(string path, int baudRate);
}
