namespace Gateway.Serial;

/// <summary>An open serial port: the narrowest seam to the hardware.</summary>
public interface ISerialConnection : IDisposable
{
    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for bytes and reads what is there. Returns the count, or 0
    /// when nothing arrived in time. Throws <see cref="IOException"/> when the port is gone.
    /// </summary>
    int Read(Span<byte> buffer, int timeoutMs);

    /// <summary>Writes all of <paramref name="bytes"/>. Throws <see cref="IOException"/> when the port is gone.</summary>
    void Write(ReadOnlySpan<byte> bytes);
}
