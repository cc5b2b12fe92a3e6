using Gateway.Core.Telemetry;

namespace Gateway.Core.Tests.Telemetry;

/// <summary>An event a board reported.</summary>
public class BoardEventTests
{
    private static readonly Stamp Now = new(1_700_000_000_000, 1_000, Trusted: false);

    [Fact]
    public void An_event_keeps_what_it_was_given()
    {
        var boardEvent = new BoardEvent("3F9A2C71D04B8E15", "0000002A", 43, Now, "button", "pressed");

        Assert.Equal(
            ("3F9A2C71D04B8E15", "0000002A", 43u, Now, "button", "pressed"),
            (boardEvent.DeviceId, boardEvent.BootId, boardEvent.Seq, boardEvent.Stamp, boardEvent.EventType, boardEvent.Text));
    }

    [Fact]
    public void An_event_may_have_no_text_and_no_boot()
    {
        var boardEvent = new BoardEvent("d", string.Empty, 0, Now, "recovered", string.Empty);

        Assert.Equal((string.Empty, string.Empty), (boardEvent.BootId, boardEvent.Text));
    }

    [Fact]
    public void An_event_type_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => new BoardEvent("d", "b", 1, Now, null!, "x"));
        Assert.Equal("eventType", Assert.Throws<ArgumentException>(() => new BoardEvent("d", "b", 1, Now, string.Empty, "x")).ParamName);
    }

    [Fact]
    public void The_text_may_be_empty_but_not_null() =>
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => new BoardEvent("d", "b", 1, Now, "fault", null!)).ParamName);

    [Fact]
    public void A_device_id_is_required_and_a_boot_id_not_null()
    {
        Assert.Throws<ArgumentNullException>(() => new BoardEvent(null!, "b", 1, Now, "fault", "x"));
        Assert.Equal("deviceId", Assert.Throws<ArgumentException>(() => new BoardEvent(string.Empty, "b", 1, Now, "fault", "x")).ParamName);
        Assert.Equal("bootId", Assert.Throws<ArgumentNullException>(() => new BoardEvent("d", null!, 1, Now, "fault", "x")).ParamName);
    }
}
