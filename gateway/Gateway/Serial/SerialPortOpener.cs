using System.IO.Ports;

namespace Gateway.Serial;

/// <summary>Opens ports with System.IO.Ports (raw 8N1, DTR asserted where the port has it).</summary>
public sealed class SerialPortOpener : ISerialPortOpener
{
    /// <inheritdoc />
    public Stream Open(string path, int baudRate)
    {
        var port = new SerialPort(path, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 2000,
        };
        try
        {
            port.Open();
            AssertDtr(port);
            return new PortStream(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Asserts DTR as a serial monitor does (boards with native USB only send while it is set). A
    /// pseudo-terminal has no modem lines and refuses the ioctl; that is not an error.
    /// </summary>
    private static void AssertDtr(SerialPort port)
    {
        try
        {
            port.DtrEnable = true;
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The port's stream, which also disposes the port.</summary>
    private sealed class PortStream(SerialPort port) : Stream
    {
        private readonly Stream _inner = port.BaseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.WriteAsync(buffer, cancellationToken);

        public override void Flush() => _inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                port.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
