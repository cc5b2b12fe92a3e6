using Gateway.Configuration;
using Gateway.Core.Framing;
using Gateway.Core.Resilience;
using Gateway.Devices;
using Gateway.Logging;
using Gateway.Store;
using Gateway.Time;
using Microsoft.Extensions.Logging;

namespace Gateway.Serial;

/// <summary>
/// Keeps one port read for as long as the gateway runs: opens it, runs a session, and when the port
/// vanishes or fails, reopens it with backoff. A discovered port whose device node is gone is given up.
/// </summary>
internal sealed class SerialLink
{
    private readonly PortSettings _port;
    private readonly ISerialPortOpener _opener;
    private readonly IOutbox _outbox;
    private readonly DeviceRegistry _registry;
    private readonly GatewayClock _clock;
    private readonly TimeProvider _time;
    private readonly SerialOptions _options;
    private readonly ILogger _logger;
    private readonly LinkMemory _memory;

    public SerialLink(
        PortSettings port,
        ISerialPortOpener opener,
        IOutbox outbox,
        DeviceRegistry registry,
        GatewayClock clock,
        TimeProvider time,
        SerialOptions options,
        ILogger logger)
    {
        _port = port;
        _opener = opener;
        _outbox = outbox;
        _registry = registry;
        _clock = clock;
        _time = time;
        _options = options;
        _logger = logger;
        _memory = new LinkMemory(new FrameReaderOptions
        {
            MaxLineLength = options.MaxLineLength,
            Lenient = port.Mode == Core.Devices.LinkMode.Lenient,
        });
    }

    public PortSettings Port => _port;

    public FrameCounters Counters => _memory.Reader.Counters;

    public bool IsOpen { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(
            TimeSpan.FromMilliseconds(_options.ReopenMinMs), TimeSpan.FromMilliseconds(_options.ReopenMaxMs));
        while (!cancellationToken.IsCancellationRequested)
        {
            ISerialConnection connection;
            try
            {
                connection = _opener.Open(_port.Path, _port.BaudRate);
            }
            catch (Exception e) when (IsPortFailure(e))
            {
                if (_port.Discovered && !File.Exists(_port.Path))
                {
                    Log.PortGone(_logger, _port.Path);
                    return;
                }

                var delay = backoff.Next();
                Log.PortOpenFailed(_logger, _port.Path, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            backoff.Reset();
            Log.PortOpened(_logger, _port.Path, _port.BaudRate, _port.Mode.ToString());
            var reason = await RunSessionAsync(connection, cancellationToken);
            if (reason is null)
            {
                return;
            }

            var wait = backoff.Next();
            Log.PortLost(_logger, _port.Path, reason, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Runs a session; returns why the port was lost, or null when the gateway is stopping.</summary>
    private async Task<string?> RunSessionAsync(ISerialConnection connection, CancellationToken cancellationToken)
    {
        IsOpen = true;
        using var session = new LinkSession(_port, connection, _memory, _outbox, _registry, _clock, _options, _logger);
        try
        {
            // The read loop blocks: it gets a thread of its own rather than a thread-pool thread.
            await Task.Factory.StartNew(() => session.Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return cancellationToken.IsCancellationRequested ? null : "stopped";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (IsPortFailure(e))
        {
            return e.Message;
        }
        finally
        {
            IsOpen = false;
            connection.Dispose();
        }
    }

    /// <summary>What a vanished or broken port throws; anything else is a bug and stops the gateway.</summary>
    internal static bool IsPortFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or ArgumentException or TimeoutException;
}
