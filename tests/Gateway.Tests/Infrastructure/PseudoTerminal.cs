using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A pseudo-terminal pair owned by the test: the gateway opens the slave through <see cref="LinkPath"/>,
/// the test writes and reads the master as the board would. The slave is set raw and kept open by the
/// test too, so the gateway can close and reopen it (after a kill) without the master seeing a hang-up,
/// and bytes written while the gateway is away wait in the kernel for its next open.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly int _slave;
    private readonly FileStream _master;

    private PseudoTerminal(int master, int slave, string slavePath, string linkPath)
    {
        _slave = slave;
        SlavePath = slavePath;
        LinkPath = linkPath;
        _master = new FileStream(new SafeFileHandle(master, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
    }

    public string SlavePath { get; }

    public string LinkPath { get; }

    /// <summary>The board's end: write what the board sends, read what the gateway sends.</summary>
    public Stream Master => _master;

    /// <summary>The master's descriptor, for a test board that does its own non-blocking I/O (<see cref="VirtualBoard"/>).</summary>
    public SafeFileHandle MasterHandle => _master.SafeFileHandle;

    public static PseudoTerminal Open(string linkPath)
    {
        if (Posix.OpenPty(out var master, out var slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new IOException($"openpty failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var termios = new byte[256];
        if (Posix.TcGetAttr(slave, termios) != 0)
        {
            throw new IOException($"tcgetattr failed: errno {Marshal.GetLastPInvokeError()}");
        }

        Posix.CfMakeRaw(termios);
        Posix.TcSetAttr(slave, 0, termios);
        var name = new byte[128];
        Posix.PtsName(master, name, (nuint)name.Length);
        var slavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        File.Delete(linkPath);
        File.CreateSymbolicLink(linkPath, slavePath);
        return new PseudoTerminal(master, slave, slavePath, linkPath);
    }

    public void Write(string text) => Write(Encoding.ASCII.GetBytes(text));

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _master.Write(bytes);
    }

    /// <summary>Bytes the board sent that the gateway has not read yet (FIONREAD on the slave), or -1.</summary>
    public int Unread
    {
        get
        {
            const nuint BytesWaiting = 0x541B; // FIONREAD
            return Posix.IoctlInt(_slave, BytesWaiting, out var count) == 0 ? count : -1;
        }
    }

    /// <summary>
    /// Drops what the board sent that nobody read, as the kernel does for a real USB serial port while no
    /// program has it open (here the test's own descriptor keeps the slave open, so the bytes would wait).
    /// </summary>
    public void DiscardUnread()
    {
        const int InputQueue = 0; // TCIFLUSH
        if (Posix.TcFlush(_slave, InputQueue) != 0)
        {
            throw new IOException($"tcflush failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Dispose()
    {
        _master.Dispose();
        Posix.Close(_slave);
        File.Delete(LinkPath);
    }
}
