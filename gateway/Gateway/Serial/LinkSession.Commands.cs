using System.Collections.Concurrent;
using Gateway.Core.Framing;
using Gateway.Core.Operations;

namespace Gateway.Serial;

/// <summary>Commands down to the board and their acks and naks.</summary>
internal sealed partial class LinkSession
{
    private readonly ConcurrentDictionary<ushort, PendingCommand> _commands = new();
    private readonly SemaphoreSlim _oneCommandAtATime = new(1, 1);
    private int _nextCommandId;

    private enum PendingKind
    {
        User,
        Info,
        Resend,
    }

    /// <inheritdoc />
    public async Task<CommandOutcome> SendAsync(BoardCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // A board's receive buffer is small (64 bytes on an Uno): one user command on the wire at a time.
        await _oneCommandAtATime.WaitAsync(cancellationToken);
        try
        {
            var pending = await WriteCommandAsync(command, PendingKind.User);
            if (pending is null)
            {
                return CommandOutcome.Failed(CommandStatus.Offline, "offline", "the port was closed");
            }

            try
            {
                return await pending.Completion.Task.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                _commands.TryRemove(pending.Id, out _);
                return CommandOutcome.Failed(CommandStatus.Timeout, "timeout", $"no answer from the board within {timeout.TotalMilliseconds:0} ms");
            }
        }
        finally
        {
            _oneCommandAtATime.Release();
        }
    }

    /// <summary>Sends a command of the session's own (hello request, resend) without waiting for it.</summary>
    private void SendInternal(BoardCommand command, PendingKind kind) =>
        _ = SendInternalAsync(command, kind);

    private async Task SendInternalAsync(BoardCommand command, PendingKind kind)
    {
        var pending = await WriteCommandAsync(command, kind);
        if (pending is not null)
        {
            // Forget it if the board never answers, so ids do not pile up.
            await Task.WhenAny(pending.Completion.Task, Task.Delay(_options.CommandTimeoutMs * 2));
            _commands.TryRemove(pending.Id, out _);
        }
    }

    private async Task<PendingCommand?> WriteCommandAsync(BoardCommand command, PendingKind kind)
    {
        var id = NextCommandId();
        var pending = new PendingCommand(id, kind);
        _commands[id] = pending;
        var bytes = FrameWriter.ToBytes(new CommandFrame(id, command.Verb, command.Args));
        await Task.Yield();
        try
        {
            // A command line is short: the write returns as soon as the kernel has it.
            _connection.Write(bytes);
            return pending;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _commands.TryRemove(id, out _);
            return null;
        }
    }

    private ushort NextCommandId()
    {
        while (true)
        {
            var id = (ushort)(Interlocked.Increment(ref _nextCommandId) % 65535 + 1);
            if (!_commands.ContainsKey(id))
            {
                return id;
            }
        }
    }

    private void HandleReply(Frame frame)
    {
        var (commandId, outcome) = frame switch
        {
            AckFrame ack => (ack.CommandId, CommandOutcome.Acknowledged(ack.Fields)),
            NakFrame nak => (nak.CommandId, CommandOutcome.Failed(CommandStatus.Rejected, ReasonName(nak.Reason), nak.Text)),
            _ => throw new ArgumentException("Not a reply.", nameof(frame)),
        };

        _device?.Touch(_clock.MonotonicMs);
        _commands.TryRemove(commandId, out var pending);
        if (pending?.Kind == PendingKind.Resend && frame is AckFrame resendAck && _info is not null)
        {
            OnResendAck(resendAck);
        }
        else if (pending?.Kind == PendingKind.Resend)
        {
            _resend.Outstanding = false;
            _resend.FailedAttempts++;
        }
        else if (_info is not null)
        {
            CheckControlSeq(frame.Seq);
        }

        pending?.Completion.TrySetResult(outcome);
    }

    private void FailPendingCommands(string reason)
    {
        foreach (var pending in _commands.Values)
        {
            pending.Completion.TrySetResult(CommandOutcome.Failed(CommandStatus.Offline, "offline", reason));
        }

        _commands.Clear();
    }

    private static string ReasonName(NakReason reason) => reason switch
    {
        NakReason.UnknownVerb => "unknown",
        NakReason.BadArgument => "badarg",
        NakReason.Busy => "busy",
        _ => "malformed",
    };

    private sealed class PendingCommand(ushort id, PendingKind kind)
    {
        public ushort Id { get; } = id;

        public PendingKind Kind { get; } = kind;

        public TaskCompletionSource<CommandOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
