namespace Gateway.Uplink;

/// <summary>
/// Wakes one waiting loop. Any thread may set it, as often as it likes: sets that come before the loop
/// waits again count as one, and none is lost. Setting it never blocks and never runs the loop's code.
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Wakes the loop, or leaves it woken if a set is already pending.</summary>
    public void Set()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread set it first: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a set, or until <paramref name="timeout"/> has passed; true when it was set.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
