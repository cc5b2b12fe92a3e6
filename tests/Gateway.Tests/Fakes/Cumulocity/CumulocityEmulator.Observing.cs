using System.Text;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>Violations and waiting for conditions.</summary>
public sealed partial class CumulocityEmulator
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly List<CumulocityViolation> _violations = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Everything clients did that Cumulocity would refuse or report, oldest first.</summary>
    public IReadOnlyList<CumulocityViolation> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Throws, listing every violation, when there is any.</summary>
    /// <exception cref="InvalidOperationException">There were violations.</exception>
    public void AssertNoViolations()
    {
        var violations = Violations;
        if (violations.Count == 0)
        {
            return;
        }

        var text = new StringBuilder($"{violations.Count} Cumulocity violation(s):");
        foreach (var violation in violations)
        {
            text.Append("\n  ").Append(violation);
        }

        throw new InvalidOperationException(text.ToString());
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; it is checked under the emulator's lock after every
    /// change and every 50 ms. Throws <see cref="TimeoutException"/> naming <paramref name="what"/> when
    /// time runs out.
    /// </summary>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? _options.DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var violations = Violations;
                throw new TimeoutException(
                    $"Timed out waiting for {what ?? "the condition"}." +
                    (violations.Count > 0 ? $" Violations: {string.Join("; ", violations)}" : string.Empty));
            }

            // Woken by every change; also polls, for conditions that look beyond the emulator (a client's state).
            await Task.WhenAny(changed, Task.Delay(left < PollInterval ? left : PollInterval));
        }
    }

    private void AddViolation(ClientSession session, string topic, string row, int code, string templateId, string message)
    {
        lock (_gate)
        {
            _violations.Add(new CumulocityViolation(session.ClientId, topic, row.Length > 200 ? row[..200] + "…" : row, code, templateId, message));
            if (code != 0 && topic.Length > 0 && session.Connected)
            {
                ReportError(session, code, templateId, message);
            }
        }

        Changed();
    }

    private void Changed()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
