using Gateway.Core.Mapping.Cumulocity;
using Gateway.Tests.Infrastructure;
using Gateway.Uplink.Cumulocity;
using Gateway.Uplink.Cumulocity.Operations;

namespace Gateway.Tests.Cumulocity;

/// <summary>The handlers' gateway side, which needs no board.</summary>
public sealed class GatewayHandlerTests
{
    private static readonly OperationTarget Gateway = OperationTarget.Resolve("gw-1", new ChildIds("gw-1"));

    [Fact]
    public async Task An_allowlisted_command_runs_on_the_gateway_and_its_output_is_the_result()
    {
        var handler = new CommandHandler(null!, new GatewayCommandPolicy(true, ["echo hello, world", "exit 3"], TimeSpan.FromSeconds(10)));

        var ok = await handler.ExecuteAsync(Gateway, new CommandOperation("gw-1", "echo hello, world"), TestContext.Current.CancellationToken);
        var failed = await handler.ExecuteAsync(Gateway, new CommandOperation("gw-1", "exit 3"), TestContext.Current.CancellationToken);
        var refused = await handler.ExecuteAsync(Gateway, new CommandOperation("gw-1", "rm -rf /tmp/x"), TestContext.Current.CancellationToken);

        Assert.Equal((true, "hello, world"), (ok.Succeeded, Assert.Single(ok.Parameters)));
        Assert.Equal("503,c8y_Command,\"hello, world\"", UpstreamRows.CommandSuccessful(ok.Parameters[0]).Text);
        Assert.Equal((false, "'exit 3' exited with status 3: "), (failed.Succeeded, failed.Reason));
        Assert.False(refused.Succeeded);
        Assert.Contains("not in Cumulocity:Operations:GatewayCommandAllowlist", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_runs_too_long_is_stopped()
    {
        var handler = new CommandHandler(null!, new GatewayCommandPolicy(true, ["sleep 30"], TimeSpan.FromSeconds(1)));
        var result = await handler.ExecuteAsync(Gateway, new CommandOperation("gw-1", "sleep 30"), TestContext.Current.CancellationToken);
        Assert.Contains("did not finish within 1 s", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_configuration_is_written_when_it_is_a_json_object_and_reported_with_113()
    {
        using var directory = new TempDirectory();
        var file = directory.File("gateway.json");
        var handler = new ConfigurationHandler(null!, file);
        const string Text = "{\n  \"Serial\": { \"BaudRate\": 57600 }\n}";

        var ok = await handler.ExecuteAsync(Gateway, new ConfigurationOperation("gw-1", Text), TestContext.Current.CancellationToken);
        var bad = await handler.ExecuteAsync(Gateway, new ConfigurationOperation("gw-1", "BaudRate=57600"), TestContext.Current.CancellationToken);

        Assert.True(ok.Succeeded);
        Assert.Equal(new StateUpdate("s/us", UpstreamRows.Configuration(Text).Text), Assert.Single(ok.Updates));
        Assert.Equal(Text, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.StartsWith("not JSON", bad.Reason, StringComparison.Ordinal);
        Assert.False(new ConfigurationHandler(null!, string.Empty).Supports(TargetKind.Gateway, null));
    }
}
