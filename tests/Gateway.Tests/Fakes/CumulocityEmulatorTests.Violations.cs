using System.Text;
using Gateway.Tests.Fakes.Cumulocity;
using MQTTnet;

namespace Gateway.Tests.Fakes;

/// <summary>Everything Cumulocity would refuse is recorded and reported on <c>s/e</c>.</summary>
public sealed partial class CumulocityEmulatorTests
{
    [Theory]
    [InlineData("s/us", "999,x", 41, "999", "No static template")]
    [InlineData("s/us", "100,a,b,c", 45, "100", "Too many fields")]
    [InlineData("s/us", "200,c8y_Temperature,,25", 45, "200", "Mandatory field 3 (series)")]
    [InlineData("s/us", "200,c8y_Temperature,T,warm", 45, "200", "must be a number")]
    [InlineData("s/us", "201,type,,c8y_T,T", 45, "201", "Mandatory field 6 (value)")]
    [InlineData("s/us", "201,type", 45, "201", "at least 1 group")]
    [InlineData("s/us", "117,five", 45, "117", "an integer")]
    [InlineData("s/us", "400,c8y_E,text,yesterday", 45, "400", "ISO-8601")]
    [InlineData("s/us", "400,c8y_E,text,2024-01-01T00:00:00", 45, "400", "ISO-8601")]
    [InlineData("s/us", "305,c8y_A,SEVERE", 45, "305", "CRITICAL, MAJOR, MINOR or WARNING")]
    [InlineData("s/us", "122,agent,1.0", 45, "122", "Mandatory field 5 (maintainer)")]
    [InlineData("s/us", "400,c8y_E,say \"hi\"", 42, "400", "holds a quote but is not quoted")]
    [InlineData("s/us", "400,c8y_E,\"never closed", 42, "400", "unterminated quote")]
    [InlineData("s/us", "400,c8y_E,\"a\"b", 42, "400", "text after the closing quote")]
    [InlineData("s/us", "400,c8y_E,\"a \\\"b\\\"\"", 42, "400", "text after the closing quote")]
    [InlineData("s/us", "400,c8y_E,text\r", 42, "400", "carriage return")]
    [InlineData("s/us", "501,c8y_Restart", 41, "501", "No PENDING operation of c8y_Restart")]
    [InlineData("s/us", "502,c8y_Restart,why", 41, "502", "No EXECUTING operation")]
    [InlineData("s/us", "503,c8y_Restart", 41, "503", "No EXECUTING operation")]
    [InlineData("q/us", "114,c8y_Restart", 41, "114", "measurements and events only")]
    [InlineData("s/ds", "510,gw-1", 41, "", "may not publish on 's/ds'")]
    [InlineData("s/us/a/b", "400,c8y_E,x", 41, "", "may not publish")]
    [InlineData("s/ucr", "", 41, "", "bootstrap connection only")]
    [InlineData("s/uc/myTemplates", "100,x", 41, "", "does not handle")]
    public async Task Each_broken_rule_is_a_violation_reported_on_s_e(string topic, string payload, int code, string templateId, string message)
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        await gateway.PublishAsync(topic, payload);

        await emulator.WaitForAsync(() => emulator.Violations.Count > 0);
        var violation = Assert.Single(emulator.Violations);
        Assert.Equal((GatewayId, topic, code, templateId), (violation.ClientId, violation.Topic, violation.Code, violation.TemplateId));
        Assert.Contains(message, violation.Message, StringComparison.Ordinal);
        var reported = await gateway.WaitForAsync("s/e", _ => true);
        Assert.StartsWith($"{code},{templateId},", reported, StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(emulator.AssertNoViolations);
        Assert.Contains(violation.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_bad_row_of_a_multi_row_publish_is_refused()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        await gateway.PublishAsync("s/us", "400,c8y_A,first\n400,c8y_B\n400,c8y_C,\"third,\nwith a line feed\"");

        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.Events.Count == 2);
        Assert.Equal(["first", "third,\nwith a line feed"], emulator.Device(GatewayId).Events.Select(e => e.Text));
        Assert.Equal("400,c8y_B", Assert.Single(emulator.Violations).Row);
    }

    [Fact]
    public async Task A_packet_over_16184_bytes_is_refused_and_one_at_the_limit_is_not()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        // PUBLISH at QoS 1 on s/us: 1 + 2 (remaining length) + 2 + 4 (topic) + 2 (packet id) + payload.
        var atLimit = "113," + new string('x', 16_184 - 11 - 4);
        await gateway.PublishAsync("s/us", atLimit);
        await gateway.PublishAsync("s/us", atLimit + "x");

        await emulator.WaitForAsync(() => emulator.Violations.Count == 1);
        Assert.Contains("16185 bytes", emulator.Violations[0].Message, StringComparison.Ordinal);
        Assert.Equal(16_184 - 11 - 4, emulator.Device(GatewayId).Configuration!.Length);
    }

    [Fact]
    public async Task A_payload_that_is_not_utf8_is_malformed()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        await gateway.PublishAsync("s/us", [.. "400,c8y_E,"u8, 0xC3, 0x28]);

        await emulator.WaitForAsync(() => emulator.Violations.Count == 1);
        Assert.Equal((42, "the payload is not valid UTF-8"), (emulator.Violations[0].Code, emulator.Violations[0].Message));
    }

    [Theory]
    [InlineData("s/us")]
    [InlineData("s/us/child")]
    [InlineData("#")]
    [InlineData("s/+")]
    [InlineData("s/dcr")]
    public async Task Subscriptions_to_upstream_topics_and_wildcards_are_refused(string topic)
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        var result = await gateway.SubscribeAsync(topic);

        Assert.Equal([MqttClientSubscribeResultCode.UnspecifiedError], result);
        Assert.Equal(topic, Assert.Single(emulator.Violations).Topic);
    }

    [Fact]
    public async Task Downstream_subscriptions_are_granted()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        var result = await gateway.SubscribeAsync("s/dt", "s/dc/myTemplates", "devicecontrol/notifications");

        Assert.All(result, r => Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, r));
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_publish_with_no_row_is_malformed()
    {
        await using var emulator = await StartAsync();
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        await gateway.PublishAsync("s/us", Encoding.UTF8.GetBytes(string.Empty));

        await emulator.WaitForAsync(() => emulator.Violations.Count == 1);
        Assert.Equal(42, emulator.Violations[0].Code);
    }

    [Fact]
    public async Task A_child_of_another_device_cannot_be_written_to()
    {
        await using var emulator = await StartAsync();
        emulator.AddDeviceUser("device_other", "pw");
        await using var other = await EmulatorClient.ConnectAsync(EmulatorClient.Options(emulator, "other", $"{emulator.Tenant}/device_other", "pw"));
        await other.PublishAsync("s/us/others-child", "400,c8y_E,x");
        await emulator.WaitForAsync(() => emulator.FindDevice("others-child") is not null);
        await using var gateway = await ConnectAsync(emulator, GatewayId);

        await gateway.PublishAsync("s/us/others-child", "400,c8y_E,mine?");

        await emulator.WaitForAsync(() => emulator.Violations.Count == 1);
        Assert.Contains("not in the hierarchy of 'gw-1'", emulator.Violations[0].Message, StringComparison.Ordinal);
        Assert.Single(emulator.Device("others-child").Events);
    }
}
