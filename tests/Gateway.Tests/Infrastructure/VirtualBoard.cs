using System.Buffers;
using System.Globalization;
using Gateway.Core.Framing;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A board simulated by the test on the master side of a <see cref="PseudoTerminal"/>, speaking protocol v1 as
/// the GatewayLink firmware does (ADR 0001): a hello at start and after <c>info</c>; readings numbered 1, 2, 3…
/// with no gaps; the last <see cref="VirtualBoardOptions.ResendCapacity"/> data frames kept for <c>resend</c>;
/// an ack or nak for every command whose line it can read. Like a real board it has no flow control: it keeps
/// writing, and a full pty buffer blocks it (here: it waits for the descriptor to become writable), which is
/// the only backpressure. Everything happens on one thread, so commands are answered between frames, after
/// the bytes already queued, as a real board answers after what sits in its transmit buffer.
/// </summary>
public sealed partial class VirtualBoard : IDisposable
{
    private const int WriteChunk = 4096;

    /// <summary>Generation stops while this many bytes wait for the port (a board's transmit buffer).</summary>
    private const int TransmitBuffer = 256;

    /// <summary>How far behind its rate the board may fall and still catch up, in milliseconds.</summary>
    private const int CatchUpMs = 50;

    private readonly VirtualBoardOptions _options;
    private readonly PseudoTerminal _pty;
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private readonly FrameReader _commands = new();
    private readonly byte[][] _ring;
    private readonly List<string> _log = [];
    private byte[] _out = new byte[64 * 1024];
    private int _outStart;
    private int _outEnd;
    private byte[] _in = new byte[1024];
    private int _inLength;
    private volatile bool _stopping;
    private uint _lastSeq;
    private uint _limit;
    private uint _bootCounter;
    private uint _intervalMs;
    private double _nextDueMs;

    private VirtualBoard(PseudoTerminal pty, VirtualBoardOptions options)
    {
        _pty = pty;
        _options = options;
        _limit = options.Readings;
        _intervalMs = options.IntervalMs;
        _bootCounter = uint.Parse(options.BootId, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _ring = new byte[Math.Max(1, options.ResendCapacity)][];
        _thread = new Thread(Run) { IsBackground = true, Name = "virtual-board " + options.DeviceId };
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>The current boot id (8 hex digits).</summary>
    public string BootId
    {
        get
        {
            lock (_lock)
            {
                return BootText;
            }
        }
    }

    /// <summary>The seq of the last data frame the board made (queued or written).</summary>
    public uint LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>An exception that stopped the board's thread, or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Every command line the board took and how it answered, oldest first.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_lock)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Starts the board's thread: the hello goes out first, then the readings.</summary>
    public static VirtualBoard Start(PseudoTerminal pty, VirtualBoardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pty);
        var board = new VirtualBoard(pty, options ?? new VirtualBoardOptions());
        board._thread.Start();
        return board;
    }

    /// <summary>Stops making readings (commands are still answered); returns the seq of the last one made.</summary>
    public uint StopReadings()
    {
        lock (_lock)
        {
            _limit = _lastSeq;
            return _lastSeq;
        }
    }

    /// <summary>Waits until the board has made the reading numbered <paramref name="seq"/>.</summary>
    public Task WaitForSeqAsync(uint seq, TimeSpan timeout) =>
        Eventually.TrueAsync(() => LastSeq >= seq || Fault is not null, timeout, $"the virtual board makes reading {seq} (last made: {LastSeq})");

    /// <summary>What the board did, for assertion messages.</summary>
    public string Describe()
    {
        var log = Log;
        return string.Create(CultureInfo.InvariantCulture,
            $"board {DeviceId} boot {BootId}: last seq {LastSeq}, {Volatile.Read(ref _outEnd) - Volatile.Read(ref _outStart)} byte(s) not yet written, {_pty.Unread} byte(s) unread in the pty, {log.Count} command(s){(Fault is null ? string.Empty : ", fault " + Fault.Message)}; last: {string.Join(" | ", log.Skip(Math.Max(0, log.Count - 6)))}");
    }

    /// <summary>Stops the board's thread (it never blocks for more than 50 ms); never throws, so the disposal of a scenario goes on.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private string BootText => _bootCounter.ToString("X8", CultureInfo.InvariantCulture);

    private void Run()
    {
        var handle = _pty.MasterHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            var flags = Native.GetFlags(fd);
            Native.SetFlags(fd, flags | Native.NonBlocking);
            try
            {
                _nextDueMs = Environment.TickCount64;
                lock (_lock)
                {
                    QueueHello();
                }

                Loop(fd);
            }
            finally
            {
                Native.SetFlags(fd, flags);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            Fault = e;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private void Loop(int fd)
    {
        while (!_stopping)
        {
            int waitMs;
            lock (_lock)
            {
                waitMs = MakeReadings();
            }

            var want = Native.PollIn | (_outEnd > _outStart ? Native.PollOut : 0);
            var ready = Native.Poll(fd, want, _outEnd > _outStart ? 50 : Math.Min(waitMs, 50));
            if ((ready & Native.PollIn) != 0)
            {
                ReadCommands(fd);
            }

            if ((ready & Native.PollOut) != 0)
            {
                var written = Native.Write(fd, _out.AsSpan(_outStart, Math.Min(WriteChunk, _outEnd - _outStart)));
                _outStart += written;
            }

            if ((ready & (Native.PollHangUp | Native.PollError)) != 0 && (ready & (Native.PollIn | Native.PollOut)) == 0)
            {
                // Nobody holds the slave open: wait rather than spin.
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>Queues the readings that are due while the transmit buffer has room; returns how long until the next is due.</summary>
    private int MakeReadings()
    {
        while (_lastSeq < _limit && _outEnd - _outStart < TransmitBuffer)
        {
            if (_options.ReadingsPerSecond > 0)
            {
                // Like a sketch sampling on its interval: after a stall it does not make up for lost time beyond a short burst.
                var now = Environment.TickCount64;
                if (_nextDueMs > now)
                {
                    return (int)Math.Ceiling(_nextDueMs - now);
                }

                _nextDueMs = Math.Max(_nextDueMs + (1000.0 / _options.ReadingsPerSecond), now - CatchUpMs);
            }

            QueueReading();
        }

        return 50;
    }

    private void QueueReading()
    {
        var seq = _lastSeq + 1;
        var values = _options.Sensors.Select(s => SensorValue.Create(s.Name, ValueOf(s.Name, seq))).ToArray();
        var line = FrameWriter.ToBytes(new ReadingFrame(seq, [.. values]));
        _lastSeq = seq;
        _ring[seq % _ring.Length] = line;
        Queue(line);
    }

    private static double ValueOf(string sensor, uint seq) => sensor == "n" ? seq : 20 + (seq % 100 / 10.0);

    private void QueueHello() =>
        Queue(FrameWriter.ToBytes(new HelloFrame(
            _lastSeq, HelloFrame.CurrentProtocolVersion, _options.DeviceId, BootText, _options.Firmware, _options.Version,
            _intervalMs, _options.ResendCapacity, _options.Sensors, _options.Outputs)));

    private void Queue(ReadOnlySpan<byte> bytes)
    {
        if (_outEnd + bytes.Length > _out.Length)
        {
            var pending = _outEnd - _outStart;
            var target = pending + bytes.Length > _out.Length / 2 ? new byte[Math.Max(_out.Length * 2, pending + bytes.Length)] : _out;
            _out.AsSpan(_outStart, pending).CopyTo(target);
            _out = target;
            _outStart = 0;
            _outEnd = pending;
        }

        bytes.CopyTo(_out.AsSpan(_outEnd));
        _outEnd += bytes.Length;
    }

    private void ReadCommands(int fd)
    {
        if (_inLength == _in.Length)
        {
            Array.Resize(ref _in, _in.Length * 2);
        }

        var read = Native.Read(fd, _in.AsSpan(_inLength));
        if (read <= 0)
        {
            return;
        }

        _inLength += read;
        var buffer = new ReadOnlySequence<byte>(_in, 0, _inLength);
        while (_commands.TryRead(ref buffer, out var item))
        {
            if (item.Kind == LinkItemKind.Frame && item.Frame is CommandFrame command)
            {
                lock (_lock)
                {
                    Answer(command);
                }
            }
        }

        var consumed = _inLength - (int)buffer.Length;
        _in.AsSpan(consumed, _inLength - consumed).CopyTo(_in);
        _inLength -= consumed;
    }
}
