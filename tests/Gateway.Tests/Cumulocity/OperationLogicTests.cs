using Gateway.Core.Mapping.Cumulocity;
using Gateway.Tests.Infrastructure;
using Gateway.Uplink.Cumulocity;
using Gateway.Uplink.Cumulocity.Operations;

namespace Gateway.Tests.Cumulocity;

public class OperationLogicTests
{
    private static readonly ChildIds Ids = new("gw-1");

    [Theory]
    [InlineData("gw-1", "Gateway", "", "s/us")]
    [InlineData("gw-1:3F9A2C71D04B8E15", "Board", "3F9A2C71D04B8E15", "s/us/gw-1:3F9A2C71D04B8E15")]
    [InlineData("gw-10:3F9A", "Unknown", "", "s/us/gw-10:3F9A")]
    [InlineData("gw-1:", "Unknown", "", "s/us/gw-1:")]
    [InlineData("other", "Unknown", "", "s/us/other")]
    public void An_operation_goes_to_the_gateway_or_the_board_its_child_id_names(string externalId, string kind, string board, string topic)
    {
        var target = OperationTarget.Resolve(externalId, Ids);
        Assert.Equal((kind, board, topic), (target.Kind.ToString(), target.BoardId, target.StatusTopic));
    }

    [Fact]
    public void A_row_in_progress_is_a_redelivery_until_its_final_status_is_acknowledged()
    {
        var dedupe = new OperationDeduplicator();
        const string Row = "518,gw-1:B1,CLOSED";

        Assert.True(dedupe.TryBegin(Row));
        Assert.False(dedupe.TryBegin(Row));
        Assert.True(dedupe.TryBegin("518,gw-1:B2,CLOSED"));
        dedupe.End(Row);
        Assert.True(dedupe.TryBegin(Row));
    }

    [Fact]
    public void The_journal_keeps_executing_operations_across_a_restart_atomically()
    {
        using var directory = new TempDirectory();
        var path = directory.File("ops");
        var journal = new OperationJournal(path);
        Assert.Empty(journal.Interrupted);
        var relay = new JournalEntry("518,gw-1:B1,CLOSED", "c8y_Relay", "gw-1:B1");
        var command = new JournalEntry("511,gw-1,\"echo \"\"a,b\"\"\nnext\"", "c8y_Command", "gw-1");
        journal.Add(relay);
        journal.Add(command);
        journal.Remove(relay);

        var reopened = new OperationJournal(path);

        Assert.Equal([command], reopened.Interrupted);
        Assert.False(File.Exists(path + ".new"));
        reopened.Remove(command);
        Assert.Empty(new OperationJournal(path).Interrupted);
    }

    [Fact]
    public void Board_settings_are_interval_lines()
    {
        Assert.True(ConfigurationHandler.TryParseBoardSettings("# sample faster\ninterval=2000\n", out var commands, out _));
        Assert.Equal("interval 2000", Assert.Single(commands).ToString());
        Assert.False(ConfigurationHandler.TryParseBoardSettings("interval=5", out _, out var tooFast));
        Assert.Contains("100", tooFast, StringComparison.Ordinal);
        Assert.False(ConfigurationHandler.TryParseBoardSettings("colour=red", out _, out var unknown));
        Assert.Contains("unknown setting", unknown, StringComparison.Ordinal);
        Assert.False(ConfigurationHandler.TryParseBoardSettings("  \n", out _, out _));
    }

    [Fact]
    public void Gateway_commands_run_only_when_enabled_and_allowlisted_exactly()
    {
        var off = new GatewayCommandPolicy(false, ["uptime"], TimeSpan.FromSeconds(1));
        var on = new GatewayCommandPolicy(true, ["uptime", "systemctl restart mosquitto"], TimeSpan.FromSeconds(1));

        Assert.False(off.Allows("uptime", out var disabled));
        Assert.Contains("disabled", disabled, StringComparison.Ordinal);
        Assert.True(on.Allows(" uptime ", out _));
        Assert.False(on.Allows("uptime; rm -rf /", out var refused));
        Assert.Contains("not in Cumulocity:Operations:GatewayCommandAllowlist", refused, StringComparison.Ordinal);
        Assert.False(on.Allows("systemctl restart", out _));
    }

    [Fact]
    public void The_relay_is_the_output_named_relay_else_the_first()
    {
        var board = new Core.Devices.DeviceInfo("B", "", "fw", "1", 1, 1000, 0, [], [new(13, "led"), new(7, "relay")], "/dev/x", Core.Devices.LinkMode.Framed);
        Assert.Equal(7u, RelayHandler.RelayPin(board));
        Assert.Equal(13u, RelayHandler.RelayPin(board with { Outputs = [new(13, "led")] }));
        Assert.Null(RelayHandler.RelayPin(board with { Outputs = [] }));
    }

    [Fact]
    public void Board_event_types_become_cumulocity_types() =>
        Assert.Equal(["c8y_ButtonEvent", "c8y_Door_openEvent"], new[] { "button", "door open" }.Select(CumulocityUplinkServiceNames));

    private static string CumulocityUplinkServiceNames(string type) => CumulocityNames.Type(type, "Event");

    [Fact]
    public async Task The_control_queue_keeps_order_until_each_message_is_acknowledged()
    {
        var queue = new ControlQueue();
        var first = queue.Enqueue("s/us/c", "501,c8y_Relay");
        var second = queue.Enqueue("s/us/c", "503,c8y_Relay");

        Assert.Same(first, await queue.PeekAsync(TestContext.Current.CancellationToken));
        Assert.Same(first, await queue.PeekAsync(TestContext.Current.CancellationToken)); // not acknowledged: sent again after a reconnect
        queue.Delivered(first);
        Assert.True(first.Delivered.IsCompletedSuccessfully);
        Assert.Same(second, await queue.PeekAsync(TestContext.Current.CancellationToken));
        Assert.Equal(UpstreamRows.Executing("c8y_Relay").Text, first.Text);
    }
}
