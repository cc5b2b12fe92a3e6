using System.Buffers;
using Gateway.Configuration;
using Gateway.Core.Devices;
using Gateway.Core.Framing;
using Gateway.Devices;
using Gateway.Logging;
using Gateway.Store;
using Gateway.Time;
using Microsoft.Extensions.Logging;

namespace Gateway.Serial;

/// <summary>
/// One open of a serial port: reads frames, works out which board is there, keeps its data frames in
/// order (asking for resends to fill gaps), hands records to the outbox, and carries commands to the
/// board. Lives until the port is lost or the gateway stops. The read loop runs on its own thread:
/// read into a buffer, parse while the reader can, keep the unfinished line, read again.
/// </summary>
internal sealed partial class LinkSession : IBoardLink, IDisposable
{
    private const int MaxPendingFrames = 4096;

    /// <summary>Bytes that arrive this soon after opening were waiting in the kernel already.</summary>
    private const int StaleWindowMs = 30;

    /// <summary>How long a read waits before deadlines are looked at again, in milliseconds.</summary>
    private const int IdlePollMs = 500;

    /// <summary>The same while a deadline is near (a hello or resend being waited for).</summary>
    private const int BusyPollMs = 50;

    private readonly PortSettings _port;
    private readonly ISerialConnection _connection;
    private readonly LinkMemory _memory;
    private readonly FrameReader _reader;
    private readonly IOutbox _outbox;
    private readonly DeviceRegistry _registry;
    private readonly GatewayClock _clock;
    private readonly SerialOptions _options;
    private readonly ILogger _logger;
    private readonly RejectionLog _rejections;

    public LinkSession(
        PortSettings port,
        ISerialConnection connection,
        LinkMemory memory,
        IOutbox outbox,
        DeviceRegistry registry,
        GatewayClock clock,
        SerialOptions options,
        ILogger logger)
    {
        _port = port;
        _connection = connection;
        _memory = memory;
        _reader = memory.Reader;
        _outbox = outbox;
        _registry = registry;
        _clock = clock;
        _options = options;
        _logger = logger;
        _rejections = new RejectionLog(port.Path, logger);
    }

    /// <inheritdoc />
    public string Port => _port.Path;

    /// <summary>Reads until the port fails (an exception) or the gateway stops. Blocks its thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var openedMs = _clock.MonotonicMs;
        _reader.Reset(discardFirstLine: false);
        _helloDeadlineMs = openedMs + _options.HelloWaitMs;
        SendInternal(Core.Operations.BoardCommand.Info(), PendingKind.Info);
        try
        {
            ReadUntilStopped(buffer, openedMs, cancellationToken);
        }
        finally
        {
            // Records are staged per read and committed once it is handled (below); none is left behind.
            _outbox.Commit();
        }
    }

    private void ReadUntilStopped(byte[] buffer, long openedMs, CancellationToken cancellationToken)
    {
        var kept = 0;
        var firstRead = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = _connection.Read(buffer.AsSpan(kept), DeadlineNear() ? BusyPollMs : IdlePollMs);
            if (read > 0)
            {
                if (firstRead)
                {
                    // Bytes waiting at open may start mid-line. A framed fragment fails its check and is counted;
                    // a lenient one has no check, so it is dropped. (A framed board's hello right after its
                    // reset-on-open is the first line, and is kept.)
                    firstRead = false;
                    if (_port.Mode == LinkMode.Lenient && _clock.MonotonicMs - openedMs < StaleWindowMs)
                    {
                        _reader.Reset(discardFirstLine: true);
                    }
                }

                var sequence = new ReadOnlySequence<byte>(buffer, 0, kept + read);
                while (_reader.TryRead(ref sequence, out var item))
                {
                    Handle(item);
                }

                // The reader leaves less than one line: keep it at the start of the buffer.
                kept = (int)sequence.Length;
                sequence.CopyTo(buffer);
            }

            CheckDeadlines();
            // One commit per read: the store writes the burst on this thread when its writer is idle.
            _outbox.Commit();
        }
    }

    public void Dispose()
    {
        FailPendingCommands("the port was closed");
        if (_device is not null)
        {
            _registry.LinkLost(_device, this, "port lost");
        }
    }

    private void Handle(in LinkItem item)
    {
        switch (item.Kind)
        {
            case LinkItemKind.Frame:
                HandleFrame(item.Frame!);
                break;
            case LinkItemKind.LenientReading:
                HandleLenient((ReadingFrame)item.Frame!);
                break;
            case LinkItemKind.Debug:
                Log.BoardDebug(_logger, _port.Path, item.Text ?? string.Empty);
                break;
            case LinkItemKind.Rejected:
                _rejections.Report(item.Rejection, _reader.Counters.Rejections(item.Rejection), item.Text ?? string.Empty);
                break;
        }
    }

    private void HandleFrame(Frame frame)
    {
        switch (frame)
        {
            case HelloFrame hello:
                HandleHello(hello);
                break;
            case ReadingFrame or EventFrame:
                HandleData(frame);
                break;
            case AckFrame or NakFrame:
                HandleReply(frame);
                break;
            default:
                // A command frame coming back is our own echo (a port left in echo mode): not data.
                break;
        }
    }

    private bool DeadlineNear() => (_info is null && _pending.Count > 0) || _resend.Outstanding;

    private void CheckDeadlines()
    {
        var now = _clock.MonotonicMs;
        if (_info is null && _pending.Count > 0 && now >= _helloDeadlineMs)
        {
            GoByPort();
        }

        if (_resend.Outstanding && now >= _resend.DeadlineMs)
        {
            _resend.Outstanding = false;
            _resend.FailedAttempts++;
        }
    }
}
