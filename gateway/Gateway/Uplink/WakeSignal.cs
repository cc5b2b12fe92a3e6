namespace Gateway.Uplink;

/// <summary>
/// Wakes one waiting loop, on its own thread (<see cref="Wait"/>) or as a task (<see cref="WaitAsync"/>).
/// Any thread may set it, as often as it likes: sets that come before the loop waits again count as one, and
/// none is lost. Setting it never blocks and never runs the loop's code. A blocked wait does not spin: on
/// two cores, a spinning waiter takes the CPU from the thread that would set it.
/// </summary>
internal sealed class WakeSignal
{
    private readonly object _gate = new();
    private bool _set;
    private TaskCompletionSource? _waiter;

    /// <summary>Wakes the loop, or leaves it woken if a set is already pending.</summary>
    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            if (_set)
            {
                return;
            }

            _set = true;
            waiter = _waiter;
            _waiter = null;
            Monitor.Pulse(_gate);
        }

        waiter?.TrySetResult();
    }

    /// <summary>
    /// Blocks until a set, or until <paramref name="timeout"/> has passed; true when it was set. Cancellation
    /// does not end this wait by itself: a loop that must stop promptly registers <see cref="Set"/> on its token.
    /// </summary>
    public bool Wait(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (!_set)
            {
                Monitor.Wait(_gate, timeout);
            }

            var set = _set;
            _set = false;
            return set;
        }
    }

    /// <summary>Waits for a set, or until <paramref name="timeout"/> has passed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return;
            }

            waiter = _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return;
        }

        lock (_gate)
        {
            _set = false;
        }
    }
}
