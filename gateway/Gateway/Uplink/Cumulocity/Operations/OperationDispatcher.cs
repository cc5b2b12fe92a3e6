using System.Collections.Concurrent;
using System.Threading.Channels;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Logging;
using Microsoft.Extensions.Logging;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// Takes operation rows from <c>s/ds</c> and carries each out once: a redelivery of one in progress is
/// dropped (<see cref="OperationDeduplicator"/>); the operation is journalled, marked EXECUTING with
/// <c>501</c>, handed to the handler of its fragment, then closed with <c>503</c> (after any state it
/// reports) or <c>502</c> with the reason — all on the topic of the device it is for, through the control
/// queue so that the order holds across reconnects. Operations for one device run one after another.
/// Anything without a handler is answered <c>501</c>, <c>502</c> "not supported".
/// </summary>
internal sealed class OperationDispatcher
{
    private readonly Channel<SmartRestRow> _incoming = Channel.CreateUnbounded<SmartRestRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly IReadOnlyList<IOperationHandler> _handlers;
    private readonly OperationJournal _journal;
    private readonly OperationDeduplicator _dedupe;
    private readonly ControlQueue _control;
    private readonly ChildIds _ids;
    private readonly BoardAccess _boards;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _restart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _redeliveries;

    public OperationDispatcher(
        IReadOnlyList<IOperationHandler> handlers,
        OperationJournal journal,
        OperationDeduplicator dedupe,
        ControlQueue control,
        ChildIds ids,
        BoardAccess boards,
        ILogger logger)
    {
        _handlers = handlers;
        _journal = journal;
        _dedupe = dedupe;
        _control = control;
        _ids = ids;
        _boards = boards;
        _logger = logger;
    }

    /// <summary>Completes when a <c>c8y_Restart</c> of the gateway is EXECUTING (its <c>501</c> acknowledged): the gateway must restart now.</summary>
    public Task RestartRequested => _restart.Task;

    /// <summary>Operations delivered again while in progress, and so not carried out again.</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    /// <summary>Operations a previous run left EXECUTING.</summary>
    public int InterruptedCount => _journal.Interrupted.Length;

    /// <summary>The fragments a device of <paramref name="kind"/> supports, for <c>114</c>.</summary>
    public IEnumerable<string> SupportedOperations(TargetKind kind, Core.Devices.DeviceInfo? board) =>
        _handlers.Where(h => h.Supports(kind, board)).Select(h => h.Fragment);

    /// <summary>Takes an operation row (from the receive thread; returns at once).</summary>
    public void Accept(SmartRestRow row) => _incoming.Writer.TryWrite(row);

    /// <summary>
    /// Closes what a previous run left EXECUTING: <c>503</c> for the gateway's own restart, which is what
    /// ended that run; <c>502</c> with a reason for anything else. Call once, before <see cref="RunAsync"/>.
    /// </summary>
    public void CloseInterrupted()
    {
        foreach (var entry in _journal.Interrupted)
        {
            var target = OperationTarget.Resolve(entry.ExternalId, _ids);
            _dedupe.TryBegin(entry.Key);
            var restarted = target.Kind == TargetKind.Gateway && entry.Fragment == "c8y_Restart";
            var row = restarted
                ? UpstreamRows.Successful(entry.Fragment)
                : UpstreamRows.Failed(entry.Fragment, "interrupted: the gateway restarted while the operation was executing");
            Log.CumulocityOperationInterrupted(_logger, entry.Fragment, entry.ExternalId, restarted ? "SUCCESSFUL" : "FAILED");
            var message = _control.Enqueue(target.StatusTopic, row.Text);
            Track(FinishAsync(message, entry, CancellationToken.None));
        }
    }

    /// <summary>Reads operations until <paramref name="cancellationToken"/> is cancelled, then waits for those running.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var row in _incoming.Reader.ReadAllAsync(cancellationToken))
            {
                if (!SmartRestDecoder.TryDecodeOperation(row, out var operation, out var error))
                {
                    Log.CumulocityOperationUndecodable(_logger, row.Text, error);
                    continue;
                }

                if (!_dedupe.TryBegin(row.Text))
                {
                    Interlocked.Increment(ref _redeliveries);
                    Log.CumulocityOperationRedelivered(_logger, operation.Fragment, operation.DeviceId);
                    continue;
                }

                Track(ExecuteAsync(row.Text, operation, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ExecuteAsync(string key, DeviceOperation operation, CancellationToken cancellationToken)
    {
        var target = OperationTarget.Resolve(operation.DeviceId, _ids);
        var gate = _gates.GetOrAdd(target.ExternalId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            Log.CumulocityOperationReceived(_logger, operation.Fragment, target.ExternalId);
            var entry = new JournalEntry(key, operation.Fragment, target.ExternalId);
            _journal.Add(entry);
            var executing = _control.Enqueue(target.StatusTopic, UpstreamRows.Executing(operation.Fragment).Text);
            var result = await RunHandlerAsync(target, operation, cancellationToken);
            if (ReferenceEquals(result, RestartHandler.RestartGateway))
            {
                // The journal keeps it EXECUTING; the next run reports 503. Exit only once Cumulocity knows.
                await executing.Delivered.WaitAsync(cancellationToken);
                _restart.TrySetResult();
                return;
            }

            ControlMessage final;
            if (result.Succeeded)
            {
                foreach (var update in result.Updates)
                {
                    _control.Enqueue(update.Topic, update.Payload);
                }

                var row = operation.Fragment == UpstreamRows.CommandFragment
                    ? UpstreamRows.CommandSuccessful(result.Parameters.FirstOrDefault() ?? string.Empty)
                    : UpstreamRows.Successful(operation.Fragment, result.Parameters);
                final = _control.Enqueue(target.StatusTopic, row.Text);
            }
            else
            {
                final = _control.Enqueue(target.StatusTopic, UpstreamRows.Failed(operation.Fragment, result.Reason).Text);
            }

            Log.CumulocityOperationDone(_logger, operation.Fragment, target.ExternalId, result.Succeeded ? "SUCCESSFUL" : "FAILED: " + result.Reason);
            await FinishAsync(final, entry, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<OperationResult> RunHandlerAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
    {
        if (operation is UnsupportedOperation || target.Kind == TargetKind.Unknown)
        {
            return OperationResult.Failure("not supported");
        }

        var board = target.Kind == TargetKind.Board ? _boards.Info(target.BoardId) : null;
        var handler = _handlers.FirstOrDefault(h => h.Fragment == operation.Fragment && h.Supports(target.Kind, board));
        if (handler is null)
        {
            return OperationResult.Failure("not supported");
        }

        try
        {
            return await handler.ExecuteAsync(target, operation, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return OperationResult.Failure($"the gateway failed to carry it out: {e.Message}");
        }
    }

    private async Task FinishAsync(ControlMessage final, JournalEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await final.Delivered.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return; // stopping, or dropped from a full queue: the journal closes it on the next start
        }

        // The row may run again from now on; then it leaves the journal (so that whoever sees the journal without
        // it can rely on an equal row being taken as new).
        _dedupe.End(entry.Key);
        _journal.Remove(entry);
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, true);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }
}
