using System.Runtime.InteropServices;

namespace Gateway.Tests.Infrastructure;

/// <summary>Non-blocking I/O on the pty master: poll, read, write and the O_NONBLOCK flag (Linux values).</summary>
public sealed partial class VirtualBoard
{
    private static partial class Native
    {
        public const short PollIn = 0x001;
        public const short PollOut = 0x004;
        public const short PollError = 0x008;
        public const short PollHangUp = 0x010;
        public const int NonBlocking = 0x800;
        private const int GetFlagsCommand = 3;
        private const int SetFlagsCommand = 4;
        private const int Interrupted = 4;
        private const int WouldBlock = 11;
        private const int InputOutputError = 5;

        /// <summary>The events of <paramref name="fd"/> among <paramref name="events"/> (and errors), 0 on timeout.</summary>
        public static short Poll(int fd, int events, int timeoutMs)
        {
            var poll = new PollFd { Fd = fd, Events = (short)events };
            var result = PollNative(ref poll, 1, Math.Max(0, timeoutMs));
            if (result < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno == Interrupted ? (short)0 : throw new IOException($"poll failed: errno {errno}");
            }

            return result == 0 ? (short)0 : poll.Revents;
        }

        /// <summary>Bytes read; 0 when none were waiting (or the slave side is closed).</summary>
        public static unsafe int Read(int fd, Span<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                var read = ReadNative(fd, p, (nuint)buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                return errno is WouldBlock or Interrupted or InputOutputError ? 0 : throw new IOException($"read failed: errno {errno}");
            }
        }

        /// <summary>Bytes written; 0 when the pty's buffer is full.</summary>
        public static unsafe int Write(int fd, ReadOnlySpan<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                var written = WriteNative(fd, p, (nuint)buffer.Length);
                if (written >= 0)
                {
                    return (int)written;
                }

                var errno = Marshal.GetLastPInvokeError();
                return errno is WouldBlock or Interrupted or InputOutputError ? 0 : throw new IOException($"write failed: errno {errno}");
            }
        }

        public static int GetFlags(int fd)
        {
            var flags = Fcntl(fd, GetFlagsCommand, 0);
            return flags >= 0 ? flags : throw new IOException($"fcntl(F_GETFL) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        public static void SetFlags(int fd, int flags)
        {
            if (Fcntl(fd, SetFlagsCommand, flags) < 0)
            {
                throw new IOException($"fcntl(F_SETFL) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
        private static partial int PollNative(ref PollFd fds, nuint count, int timeoutMs);

        [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
        private static unsafe partial nint ReadNative(int fd, byte* buffer, nuint count);

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static unsafe partial nint WriteNative(int fd, byte* buffer, nuint count);

        [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        private static partial int Fcntl(int fd, int command, int argument);

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }
    }
}
