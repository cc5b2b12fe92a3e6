using Gateway.Configuration;
using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Devices;
using Gateway.Operations;
using Gateway.Tests.Infrastructure;
using Gateway.Time;
using Gateway.Uplink.Cumulocity;
using Gateway.Uplink.Cumulocity.Operations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Cumulocity;

/// <summary>The dispatcher with a scripted handler: lifecycle rows, redelivery, unsupported operations, restarts.</summary>
public sealed class OperationDispatcherTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ControlQueue _control = new();
    private readonly ScriptedHandler _handler = new();

    private string JournalPath => _directory.File("operations");

    [Fact]
    public async Task An_operation_is_executing_then_successful_on_the_topic_of_its_device()
    {
        using var run = Start();
        run.Dispatcher.Accept(Row("518,gw-1:B1,CLOSED"));

        Assert.Equal(("s/us/gw-1:B1", "501,c8y_Relay"), await NextAsync());
        _handler.Finish(OperationResult.SuccessAfter(new StateUpdate("inventory/managedObjects/update/gw-1:B1", "{}")));
        Assert.Equal(("inventory/managedObjects/update/gw-1:B1", "{}"), await NextAsync());
        Assert.Equal(("s/us/gw-1:B1", "503,c8y_Relay"), await NextAsync());
        await Eventually.TrueAsync(() => new OperationJournal(JournalPath).Interrupted.IsEmpty, TimeSpan.FromSeconds(5), "the journal is empty");
    }

    [Fact]
    public async Task A_redelivery_while_in_progress_runs_nothing_and_an_equal_row_after_the_end_runs_again()
    {
        using var run = Start();
        run.Dispatcher.Accept(Row("518,gw-1:B1,CLOSED"));
        Assert.Equal("501,c8y_Relay", (await NextAsync()).Payload);

        run.Dispatcher.Accept(Row("518,gw-1:B1,CLOSED"));
        await Eventually.TrueAsync(() => run.Dispatcher.Redeliveries == 1, TimeSpan.FromSeconds(5), "the redelivery is recognised");
        _handler.Finish(OperationResult.Failure("relay stuck, \"really\""));
        Assert.Equal("502,c8y_Relay,\"relay stuck, \"\"really\"\"\"", (await NextAsync()).Payload);
        Assert.Equal(1, _handler.Calls);
        await Eventually.TrueAsync(() => new OperationJournal(JournalPath).Interrupted.IsEmpty, TimeSpan.FromSeconds(5), "the first one is finished");

        run.Dispatcher.Accept(Row("518,gw-1:B1,CLOSED"));
        Assert.Equal("501,c8y_Relay", (await NextAsync()).Payload);
        Assert.Equal(2, _handler.Calls);
        _handler.Finish(OperationResult.Success());
        Assert.Equal("503,c8y_Relay", (await NextAsync()).Payload);
    }

    [Fact]
    public async Task Unsupported_and_unknown_operations_fail_as_not_supported()
    {
        using var run = Start();
        run.Dispatcher.Accept(Row("522,gw-1:B1,syslog,,,ERROR,10"));
        Assert.Equal(("s/us/gw-1:B1", "501,c8y_LogfileRequest"), await NextAsync());
        Assert.Equal(("s/us/gw-1:B1", "502,c8y_LogfileRequest,not supported"), await NextAsync());

        run.Dispatcher.Accept(Row("518,gw-1,OPEN"));
        Assert.Equal(("s/us", "501,c8y_Relay"), await NextAsync());
        Assert.Equal(("s/us", "502,c8y_Relay,not supported"), await NextAsync());
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task A_gateway_restart_waits_for_its_501_and_after_the_restart_is_successful_while_others_fail()
    {
        using (var run = Start())
        {
            run.Dispatcher.Accept(Row("518,gw-1:B1,CLOSED"));
            Assert.Equal("501,c8y_Relay", (await NextAsync()).Payload);
            run.Dispatcher.Accept(Row("510,gw-1"));
            await _control.PeekAsync(TestContext.Current.CancellationToken);
            await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.False(run.Dispatcher.RestartRequested.IsCompleted); // not before Cumulocity has the 501
            Assert.Equal(("s/us", "501,c8y_Restart"), await NextAsync());
            await run.Dispatcher.RestartRequested.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }

        var control = new ControlQueue();
        using var after = Start(control);
        Assert.Equal(2, after.Dispatcher.InterruptedCount);
        after.Dispatcher.CloseInterrupted();
        var first = await control.PeekAsync(TestContext.Current.CancellationToken);
        control.Delivered(first);
        var second = await control.PeekAsync(TestContext.Current.CancellationToken);
        control.Delivered(second);
        Assert.Equal(
            [("s/us/gw-1:B1", "502,c8y_Relay,interrupted: the gateway restarted while the operation was executing"), ("s/us", "503,c8y_Restart")],
            [(first.Topic, first.Text), (second.Topic, second.Text)]);
        await Eventually.TrueAsync(() => new OperationJournal(JournalPath).Interrupted.IsEmpty, TimeSpan.FromSeconds(5), "the journal is empty");
    }

    public void Dispose() => _directory.Dispose();

    private static SmartRestRow Row(string text)
    {
        ReadOnlySpan<byte> bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.True(SmartRestReader.TryReadRow(ref bytes, SmartRestQuoteEscape.DoubledOrBackslash, out var row, out _));
        return row;
    }

    private async Task<(string Topic, string Payload)> NextAsync()
    {
        var message = await _control.PeekAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        _control.Delivered(message);
        return (message.Topic, message.Text);
    }

    private Running Start(ControlQueue? control = null)
    {
        var clock = new GatewayClock(TimeProvider.System, new KernelClockSync(TimeProvider.System, true));
        var registry = new DeviceRegistry(clock, NullLogger<DeviceRegistry>.Instance);
        var boards = new BoardAccess(registry, new BoardCommander(registry, Options.Create(new SerialOptions())), TimeSpan.Zero, TimeProvider.System);
        var dispatcher = new OperationDispatcher(
            [_handler, new RestartHandler(boards)],
            new OperationJournal(JournalPath),
            new OperationDeduplicator(),
            control ?? _control,
            new ChildIds("gw-1"),
            boards,
            NullLogger.Instance);
        return new Running(dispatcher);
    }

    private sealed class Running : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Running(OperationDispatcher dispatcher)
        {
            Dispatcher = dispatcher;
            _run = dispatcher.RunAsync(_stop.Token);
        }

        public OperationDispatcher Dispatcher { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _run.Wait(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }

    /// <summary>A relay handler whose result the test decides.</summary>
    private sealed class ScriptedHandler : IOperationHandler
    {
        private TaskCompletionSource<OperationResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public string Fragment => "c8y_Relay";

        public bool Supports(TargetKind kind, DeviceInfo? board) => kind == TargetKind.Board;

        public void Finish(OperationResult result) => _result.TrySetResult(result);

        public async Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
        {
            Calls++;
            var result = await _result.Task.WaitAsync(cancellationToken);
            _result = new TaskCompletionSource<OperationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            return result;
        }
    }
}
