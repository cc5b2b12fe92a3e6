namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// Recognises an operation Cumulocity delivers again (after <c>500</c>, a QoS 1 redelivery, a reconnect)
/// while the first delivery is still being handled. Static rows carry no operation id, so the key is the
/// row itself (template, device, parameters): a row equal to one in progress is the same operation. One
/// stays in progress until its final status (<c>503</c>/<c>502</c>) is acknowledged by the broker; after
/// that Cumulocity no longer holds it PENDING, so an equal row is a new operation. Thread-safe.
/// </summary>
internal sealed class OperationDeduplicator
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    /// <summary>Operations in progress.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _inProgress.Count;
            }
        }
    }

    /// <summary>Takes the operation <paramref name="key"/> on; false when it is already in progress (a redelivery).</summary>
    public bool TryBegin(string key)
    {
        lock (_lock)
        {
            return _inProgress.Add(key);
        }
    }

    /// <summary>The operation's final status was acknowledged: an equal row from now on is a new operation.</summary>
    public void End(string key)
    {
        lock (_lock)
        {
            _inProgress.Remove(key);
        }
    }
}
