using Gateway.Core.Mapping.Local;

namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>The topics of the local broker, rooted at <c>&lt;prefix&gt;/&lt;gateway id&gt;</c>.</summary>
public class LocalTopicsTests
{
    private const string Device = "3F9A2C71D04B8E15";

    private readonly LocalTopics _topics = new("gateway", "pi-01");

    [Fact]
    public void The_gateway_topics_sit_under_the_prefix_and_gateway_id()
    {
        Assert.Equal(
            ["gateway/pi-01", "gateway/pi-01/status", "gateway/pi-01/health", "gateway/pi-01/devices/+/commands"],
            [_topics.Root, _topics.Status, _topics.Health, _topics.CommandFilter]);
    }

    [Fact]
    public void Each_device_has_its_own_topics()
    {
        var device = _topics.For(Device);

        Assert.Equal(
            [
                "gateway/pi-01/devices/3F9A2C71D04B8E15/readings",
                "gateway/pi-01/devices/3F9A2C71D04B8E15/events",
                "gateway/pi-01/devices/3F9A2C71D04B8E15/meta",
                "gateway/pi-01/devices/3F9A2C71D04B8E15/availability",
                "gateway/pi-01/devices/3F9A2C71D04B8E15/commands",
                "gateway/pi-01/devices/3F9A2C71D04B8E15/commands/result",
            ],
            [device.Readings, device.Events, device.Meta, device.Availability, device.Commands, device.CommandResults]);
    }

    [Fact]
    public void A_devices_topics_are_built_once_and_reused()
    {
        var first = _topics.For(Device);
        var again = _topics.For(new string(Device.AsSpan()));
        var other = _topics.For("0000000000000001");

        Assert.Same(first, again);
        Assert.Same(first.Readings, again.Readings);
        Assert.NotSame(first, other);
        Assert.Equal("gateway/pi-01/devices/0000000000000001/readings", other.Readings);
    }

    [Fact]
    public void Devices_looked_up_from_many_threads_at_once_share_one_set_of_topics()
    {
        var topics = new LocalTopics("gateway", "pi-01");
        var found = new DeviceTopics[64];

        Parallel.For(0, found.Length, i => found[i] = topics.For("device-" + (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.All(Enumerable.Range(0, found.Length), i => Assert.Same(found[i % 4], found[i]));
        Assert.Equal(4, found.Distinct().Count());
    }

    [Theory]
    [InlineData(null, "pi-01")]
    [InlineData("", "pi-01")]
    [InlineData("gateway", null)]
    [InlineData("gateway", "")]
    public void A_missing_prefix_or_gateway_id_is_refused(string? prefix, string? gatewayId) =>
        Assert.ThrowsAny<ArgumentException>(() => new LocalTopics(prefix!, gatewayId!));

    [Fact]
    public void A_command_topic_names_its_device()
    {
        Assert.True(_topics.TryParseCommandTopic(_topics.For(Device).Commands, out var deviceId));
        Assert.Equal(Device, deviceId);
        Assert.True(_topics.TryParseCommandTopic("gateway/pi-01/devices/port-ttyUSB0/commands", out deviceId));
        Assert.Equal("port-ttyUSB0", deviceId);
    }

    [Theory]
    [InlineData("gateway/pi-02/devices/A/commands")]
    [InlineData("gateway/pi-011/devices/A/commands")]
    [InlineData("other/pi-01/devices/A/commands")]
    [InlineData("Gateway/pi-01/devices/A/commands")]
    [InlineData("/gateway/pi-01/devices/A/commands")]
    [InlineData("gateway/pi-01/devices/A/commands/result")]
    [InlineData("gateway/pi-01/devices/A/commands/")]
    [InlineData("gateway/pi-01/devices/A/command")]
    [InlineData("gateway/pi-01/devices/A/readings")]
    [InlineData("gateway/pi-01/devices/A/b/commands")]
    [InlineData("gateway/pi-01/devices/A/commands/commands")]
    [InlineData("gateway/pi-01/devices//commands")]
    [InlineData("gateway/pi-01/devices/commands")]
    [InlineData("gateway/pi-01/devices/")]
    [InlineData("gateway/pi-01/status")]
    [InlineData("")]
    public void Any_other_topic_is_not_a_command_topic(string topic)
    {
        Assert.False(_topics.TryParseCommandTopic(topic, out var deviceId));
        Assert.Equal(string.Empty, deviceId);
    }

    [Fact]
    public void A_null_topic_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => _topics.TryParseCommandTopic(null!, out _));
}
