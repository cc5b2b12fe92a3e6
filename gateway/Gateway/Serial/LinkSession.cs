using System.IO.Pipelines;
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
/// One open of a serial port: reads frames (one read loop, Pipelines-style), works out which board is
/// there, keeps its data frames in order (asking for resends to fill gaps), hands records to the outbox,
/// and carries commands to the board. Lives until the port is lost or the gateway stops.
/// </summary>
internal sealed partial class LinkSession : IBoardLink, IDisposable
{
    private const int MaxPendingFrames = 512;

    /// <summary>Bytes that arrive this soon after opening were waiting in the kernel already.</summary>
    private const int StaleWindowMs = 30;

    private readonly PortSettings _port;
    private readonly Stream _stream;
    private readonly PipeReader _pipe;
    private readonly LinkMemory _memory;
    private readonly FrameReader _reader;
    private readonly IOutbox _outbox;
    private readonly DeviceRegistry _registry;
    private readonly GatewayClock _clock;
    private readonly SerialOptions _options;
    private readonly ILogger _logger;
    private readonly ITimer _wake;
    private readonly RejectionLog _rejections;

    public LinkSession(
        PortSettings port,
        Stream stream,
        LinkMemory memory,
        IOutbox outbox,
        DeviceRegistry registry,
        GatewayClock clock,
        TimeProvider time,
        SerialOptions options,
        ILogger logger)
    {
        _port = port;
        _stream = stream;
        _memory = memory;
        _reader = memory.Reader;
        _outbox = outbox;
        _registry = registry;
        _clock = clock;
        _options = options;
        _logger = logger;
        _pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 512, leaveOpen: true));
        _wake = time.CreateTimer(static s => ((PipeReader)s!).CancelPendingRead(), _pipe, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _rejections = new RejectionLog(port.Path, logger);
    }

    /// <inheritdoc />
    public string Port => _port.Path;

    /// <summary>Reads until the port fails (an exception) or reaches its end (returns).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var openedMs = _clock.MonotonicMs;
        var firstRead = true;
        _reader.Reset(discardFirstLine: false);
        _helloDeadlineMs = openedMs + _options.HelloWaitMs;
        ScheduleWake(_options.HelloWaitMs);
        SendInternal(Core.Operations.BoardCommand.Info(), PendingKind.Info);
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (firstRead && !buffer.IsEmpty)
            {
                // Bytes already waiting when the port opened may start mid-line: drop that first fragment.
                firstRead = false;
                if (_clock.MonotonicMs - openedMs < StaleWindowMs)
                {
                    _reader.Reset(discardFirstLine: true);
                }
            }

            while (_reader.TryRead(ref buffer, out var item))
            {
                Handle(item);
            }

            _pipe.AdvanceTo(buffer.Start, buffer.End);
            CheckDeadlines();
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _wake.Dispose();
        FailPendingCommands("the port was closed");
        if (_device is not null)
        {
            _registry.LinkLost(_device, this, "port lost");
        }

        _pipe.Complete();
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

    private void ScheduleWake(long inMs) =>
        _wake.Change(TimeSpan.FromMilliseconds(Math.Max(1, inMs)), Timeout.InfiniteTimeSpan);

    private void CheckDeadlines()
    {
        var now = _clock.MonotonicMs;
        if (_info is null && _pending.Count > 0 && now >= _helloDeadlineMs)
        {
            AdoptPortIdentity(_port.Mode);
            Log.NoHello(_logger, _port.Path, _options.HelloWaitMs, _info!.DeviceId);
        }

        if (_resend.Outstanding && now >= _resend.DeadlineMs)
        {
            _resend.Outstanding = false;
            _resend.FailedAttempts++;
        }
    }
}
