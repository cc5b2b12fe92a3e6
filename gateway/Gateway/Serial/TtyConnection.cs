using System.Runtime.InteropServices;
using Gateway.Serial.Native;

namespace Gateway.Serial;

/// <summary>
/// A Linux tty opened directly: raw 8N1 at the chosen speed, exclusive (an advisory lock and TIOCEXCL, so
/// a second program cannot read the same board), DTR left as the kernel raises it on open (which resets an Uno, as a
/// serial monitor does). One <c>poll</c> and one <c>read</c> per chunk of bytes, on the caller's
/// thread; nothing runs while the line is quiet.
/// </summary>
public sealed unsafe class TtyConnection : ISerialConnection
{
    private readonly Lock _writeLock = new();
    private int _fd;

    private TtyConnection(int fd) => _fd = fd;

    /// <summary>Opens and configures <paramref name="path"/>.</summary>
    public static TtyConnection Open(string path, int baudRate)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.ONoCtty | Libc.OCloExec | Libc.ONonBlock);
        if (fd < 0)
        {
            throw Error($"cannot open {path}");
        }

        try
        {
            Lock(fd, path);
            Configure(fd, path, baudRate);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }

        return new TtyConnection(fd);
    }

    /// <inheritdoc />
    public int Read(Span<byte> buffer, int timeoutMs)
    {
        var fd = Volatile.Read(ref _fd);
        ObjectDisposedException.ThrowIf(fd < 0, this);
        var poll = new Libc.PollFd { Fd = fd, Events = Libc.PollIn };
        var ready = Libc.Poll(&poll, 1, timeoutMs);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.EIntr ? 0 : throw Error("poll failed", errno);
        }

        if (ready == 0)
        {
            return 0;
        }

        if ((poll.Revents & (Libc.PollHup | Libc.PollErr | Libc.PollNval)) != 0 && (poll.Revents & Libc.PollIn) == 0)
        {
            throw new IOException("the port hung up (the device was unplugged or closed)");
        }

        fixed (byte* p = buffer)
        {
            var n = Libc.Read(fd, p, buffer.Length);
            if (n > 0)
            {
                return (int)n;
            }

            if (n == 0)
            {
                throw new IOException("the port hung up (end of file)");
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is Libc.EAgain or Libc.EIntr ? 0 : throw Error("read failed", errno);
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_writeLock)
        {
            while (!bytes.IsEmpty)
            {
                var fd = Volatile.Read(ref _fd);
                ObjectDisposedException.ThrowIf(fd < 0, this);
                nint n;
                fixed (byte* p = bytes)
                {
                    n = Libc.Write(fd, p, bytes.Length);
                }

                if (n > 0)
                {
                    bytes = bytes[(int)n..];
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno is Libc.EAgain or Libc.EIntr)
                {
                    // The board's side is full: wait a character time or two and try again.
                    Thread.Sleep(1);
                    continue;
                }

                throw Error("write failed", errno);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            lock (_writeLock)
            {
                Libc.Close(fd);
            }
        }
    }

    /// <summary>
    /// An exclusive advisory lock on the device (as pyserial's exclusive mode and other serial tools take it):
    /// unlike TIOCEXCL it holds for root too, so a second gateway, or one started by hand next to the
    /// service, is refused instead of reading every other chunk of the board's lines.
    /// </summary>
    private static void Lock(int fd, string path)
    {
        if (Libc.Flock(fd, Libc.LockExclusive | Libc.LockNonBlocking) == 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();
        throw errno == Libc.EWouldBlock
            ? new IOException($"{path} is in use by another program (it holds the port's lock); stop it or choose another port")
            : Error($"cannot lock {path}", errno);
    }

    private static void Configure(int fd, string path, int baudRate)
    {
        var termios = new byte[Libc.TermiosSize];
        if (Libc.TcGetAttr(fd, termios) != 0)
        {
            throw Error($"{path} is not a serial port");
        }

        Libc.CfMakeRaw(termios);
        var cflag = BitConverter.ToUInt32(termios, Libc.CFlagOffset) | Libc.CLocal | Libc.CRead;
        BitConverter.TryWriteBytes(termios.AsSpan(Libc.CFlagOffset), cflag);
        if (Libc.CfSetSpeed(termios, (uint)baudRate) != 0)
        {
            throw Error($"{path}: {baudRate} baud is not supported");
        }

        // TCSANOW, not TCSAFLUSH: frames waiting from before the open are numbered and checked, so they are
        // kept (the sequence tracking drops what the store already holds) rather than lost.
        if (Libc.TcSetAttr(fd, Libc.TcsaNow, termios) != 0)
        {
            throw Error($"cannot configure {path}");
        }

        // Exclusive use: a second program opening the board would steal half of its lines.
        _ = Libc.Ioctl(fd, Libc.TiocExcl);
    }

    private static IOException Error(string what, int? errno = null)
    {
        var e = errno ?? Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {Libc.Describe(e)}");
    }
}
