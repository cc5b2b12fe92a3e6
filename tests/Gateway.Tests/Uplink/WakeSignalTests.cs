using Gateway.Uplink;

namespace Gateway.Tests.Uplink;

/// <summary>The signal that wakes a send loop: never lost, counted once, on a thread or as a task.</summary>
public sealed class WakeSignalTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_set_before_the_wait_is_not_lost_and_several_count_as_one()
    {
        var signal = new WakeSignal();
        signal.Set();
        signal.Set();

        Assert.True(signal.Wait(Long));
        Assert.False(signal.Wait(Short));
    }

    [Fact]
    public void A_set_from_another_thread_wakes_a_blocked_wait()
    {
        var signal = new WakeSignal();
        var setter = new Thread(() =>
        {
            Thread.Sleep(100);
            signal.Set();
        });
        setter.Start();

        var started = DateTime.UtcNow;
        Assert.True(signal.Wait(Long));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the wait ended by its timeout, not by the set");
        setter.Join();
    }

    [Fact]
    public async Task An_asynchronous_wait_is_woken_by_a_set_and_ends_quietly_at_its_timeout()
    {
        var signal = new WakeSignal();
        var waiting = signal.WaitAsync(Long, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        signal.Set();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        // The set was taken by that wait: the next one runs to its timeout.
        await signal.WaitAsync(Short, TestContext.Current.CancellationToken);
        Assert.False(signal.Wait(Short));
    }

    [Fact]
    public async Task A_cancelled_asynchronous_wait_throws()
    {
        var signal = new WakeSignal();
        using var cancel = new CancellationTokenSource();
        var waiting = signal.WaitAsync(Long, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
