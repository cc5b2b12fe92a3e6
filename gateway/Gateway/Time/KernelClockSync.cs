using System.Runtime.InteropServices;

namespace Gateway.Time;

/// <summary>
/// Asks the kernel whether NTP has synchronised the clock: <c>adjtimex(2)</c> returns TIME_ERROR while the
/// clock is unsynchronised; systemd-timesyncd also marks <c>/run/systemd/timesync/synchronized</c>. A wall
/// time before <see cref="Floor"/> is never trusted (a Pi without RTC boots in 1970 or at the last
/// saved time). The answer is cached for a few seconds; once synchronised it stays so.
/// </summary>
public sealed partial class KernelClockSync : IClockSync
{
    private const int TimeError = 5;
    private static readonly DateTimeOffset Floor = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly bool _assumeSynchronised;
    private readonly TimeProvider _time;
    private long _checkedAtTicks = long.MinValue;
    private volatile bool _synchronised;

    /// <summary>A probe; <paramref name="assumeSynchronised"/> trusts the clock outright (a board with an RTC).</summary>
    public KernelClockSync(TimeProvider time, bool assumeSynchronised)
    {
        _time = time;
        _assumeSynchronised = assumeSynchronised;
    }

    /// <inheritdoc />
    public bool IsSynchronised
    {
        get
        {
            if (_synchronised)
            {
                return true;
            }

            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _checkedAtTicks) < 2000)
            {
                return false;
            }

            Interlocked.Exchange(ref _checkedAtTicks, now);
            _synchronised = _time.GetUtcNow() >= Floor && (_assumeSynchronised || KernelSaysSynchronised());
            return _synchronised;
        }
    }

    private static bool KernelSaysSynchronised()
    {
        if (File.Exists("/run/systemd/timesync/synchronized"))
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        // struct timex is under 256 bytes on every Linux ABI; modes = 0 only reads.
        Span<byte> timex = stackalloc byte[512];
        timex.Clear();
        try
        {
            var state = Adjtimex(ref MemoryMarshal.GetReference(timex));
            return state >= 0 && state != TimeError;
        }
        catch (DllNotFoundException)
        {
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int Adjtimex(ref byte timex);
}
