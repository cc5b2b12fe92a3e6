using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

/// <summary>The upstream conformance vectors of the Cumulocity reference (§9) for the templates the gateway sends.</summary>
public class UpstreamVectorTests
{
    private static readonly DateTimeOffset PlusTwo = new(2013, 6, 22, 17, 3, 14, TimeSpan.FromHours(2));

    /// <summary>Rows that must come out byte for byte as the vector.</summary>
    public static TheoryData<string, string> Exact => new()
    {
        { "100,myDevice,myType", UpstreamRows.Device("myDevice", "myType").Text },
        { "100,,myType", UpstreamRows.Device(null, "myType").Text },
        { "100", UpstreamRows.Device().Text },
        { "100,\"This value, needs escaping\",This value does not need escaping", UpstreamRows.Device("This value, needs escaping", "This value does not need escaping").Text },
        { "101,uniqueChildId,myChildDevice,myChildType,true", UpstreamRows.ChildDevice("uniqueChildId", "myChildDevice", "myChildType", true).Text },
        { "101,uniqueChildId,myChildDevice,myChildType,false", UpstreamRows.ChildDevice("uniqueChildId", "myChildDevice", "myChildType", false).Text },
        { "101,test-device:device:child1,child1,thin-edge.io-child,false", UpstreamRows.ChildDevice("test-device:device:child1", "child1", "thin-edge.io-child", false).Text },
        { "101,nested_child,nested_child,thin-edge.io-child,false", UpstreamRows.ChildDevice("nested_child", "nested_child", "thin-edge.io-child", false).Text },
        { "110,1234567890,myModel,1.2.3", UpstreamRows.Hardware("1234567890", "myModel", "1.2.3").Text },
        { "113,\"val1=1\nval2=2\"", UpstreamRows.Configuration("val1=1\nval2=2").Text },
        { "114,c8y_Restart,c8y_Configuration,c8y_SoftwareList", UpstreamRows.SupportedOperations(["c8y_Restart", "c8y_Configuration", "c8y_SoftwareList"]).Text },
        { "114,c8y_SoftwareUpdate,c8y_LogfileRequest", UpstreamRows.SupportedOperations(["c8y_SoftwareUpdate", "c8y_LogfileRequest"]).Text },
        { "114,c8y_Command", UpstreamRows.SupportedOperations(["c8y_Command"]).Text },
        { "115,firmwareName,firmwareVersion,firmwareUrl", UpstreamRows.Firmware("firmwareName", "firmwareVersion", "firmwareUrl").Text },
        { "115,ubuntu core,20.04.3,http://test.com", UpstreamRows.Firmware("ubuntu core", "20.04.3", "http://test.com").Text },
        { "117,60", UpstreamRows.RequiredAvailability(60).Text },
        { "117,15", UpstreamRows.RequiredAvailability(15).Text },
        { "117,0", UpstreamRows.RequiredAvailability(0).Text },
        { "122,thin-edge.io,0.6,https://thin-edge.io,Cumulocity", UpstreamRows.Agent("thin-edge.io", "0.6", "https://thin-edge.io", "Cumulocity").Text },
        { "200,c8y_Temperature,T,25", UpstreamRows.Measurement("c8y_Temperature", "T", "25").Text },
        {
            "201,KamstrupA220Reading,2022-03-19T12:03:27.845Z,c8y_SinglePhaseEnergyMeasurement,A+:1,1234,kWh,c8y_SinglePhaseEnergyMeasurement,A-:1,2345,kWh",
            UpstreamRows.Measurements(
                "KamstrupA220Reading",
                new DateTimeOffset(2022, 3, 19, 12, 3, 27, 845, TimeSpan.Zero),
                [new("c8y_SinglePhaseEnergyMeasurement", "A+:1", "1234", "kWh"), new("c8y_SinglePhaseEnergyMeasurement", "A-:1", "2345", "kWh")]).Text
        },
        { "301,c8y_TemperatureAlarm", UpstreamRows.Alarm(AlarmSeverity.Critical, "c8y_TemperatureAlarm").Text },
        { "304,c8y_TemperatureAlarm,,2013-06-22T17:03:14.000+02:00", UpstreamRows.Alarm(AlarmSeverity.Warning, "c8y_TemperatureAlarm", null, PlusTwo).Text },
        { "305,c8y_TemperatureAlarm,CRITICAL", UpstreamRows.AlarmSeverityChange("c8y_TemperatureAlarm", AlarmSeverity.Critical).Text },
        { "306,c8y_TemperatureAlarm", UpstreamRows.ClearAlarm("c8y_TemperatureAlarm").Text },
        { "500", UpstreamRows.PendingOperations().Text },
        { "501,c8y_Restart", UpstreamRows.Executing("c8y_Restart").Text },
        { "503,c8y_Restart", UpstreamRows.Successful("c8y_Restart").Text },
        { "502,c8y_SoftwareUpdate,\"Failed due to permi\"\"ssion.\"", UpstreamRows.Failed("c8y_SoftwareUpdate", "Failed due to permi\"ssion.").Text },
        { "502,c8y_SoftwareUpdate,\"Failed to install collectd, modbus, and golang.\"", UpstreamRows.Failed("c8y_SoftwareUpdate", "Failed to install collectd, modbus, and golang.").Text },
        { "503,c8y_RelayArray,true,false,true", UpstreamRows.Successful("c8y_RelayArray", "true", "false", "true").Text },
        { "503,c8y_RelayArray,OPEN,CLOSED,CLOSED,OPEN", UpstreamRows.RelayArraySuccessful([RelayState.Open, RelayState.Closed, RelayState.Closed, RelayState.Open]).Text },
        { "503,c8y_SoftwareUpdate,a payload", UpstreamRows.Successful("c8y_SoftwareUpdate", "a payload").Text },
    };

    /// <summary>
    /// Vectors that quote text needing no quotes, end in an empty field, or write times with another
    /// precision: the gateway's row must read back to the same fields (and instants) as the vector.
    /// </summary>
    public static TheoryData<string, string> Equivalent => new()
    {
        { "302,c8y_TemperatureAlarm,\"This is an alarm\"", UpstreamRows.Alarm(AlarmSeverity.Major, "c8y_TemperatureAlarm", "This is an alarm").Text },
        { "400,c8y_MyEvent,\"Something was triggered\"", UpstreamRows.Event("c8y_MyEvent", "Something was triggered").Text },
        { "400,c8y_ConnectionEvent,\"Device connection was lost.\"", UpstreamRows.Event("c8y_ConnectionEvent", "Device connection was lost.").Text },
        { "502,c8y_Restart,\"Could not restart\"", UpstreamRows.Failed("c8y_Restart", "Could not restart").Text },
        { "502,c8y_SoftwareUpdate,", UpstreamRows.Failed("c8y_SoftwareUpdate", string.Empty).Text },
        { "507,c8y_Restart,\"Unexpected device restart\"", UpstreamRows.FailAllExecuting("c8y_Restart", "Unexpected device restart").Text },
        { "503,c8y_LogfileRequest,\"https://demos.cumulocity.com/event/events/157700/binaries\"", UpstreamRows.Successful("c8y_LogfileRequest", "https://demos.cumulocity.com/event/events/157700/binaries").Text },
        { "503,c8y_Command,\"some random output\"", UpstreamRows.CommandSuccessful("some random output").Text },
        { "301,temperature_alarm,I raised it,2021-04-23T19:00:00+05:00", UpstreamRows.Alarm(AlarmSeverity.Critical, "temperature_alarm", "I raised it", new DateTimeOffset(2021, 4, 23, 19, 0, 0, TimeSpan.FromHours(5))).Text },
        { "303,ThinEdgeAlarm,Temperature high,2023-10-13T15:00:07.172674353Z", UpstreamRows.Alarm(AlarmSeverity.Minor, "ThinEdgeAlarm", "Temperature high", new DateTimeOffset(2023, 10, 13, 15, 0, 7, 172, TimeSpan.Zero)).Text },
    };

    [Theory]
    [MemberData(nameof(Exact))]
    public void Rows_the_gateway_sends_match_the_vectors_byte_for_byte(string vector, string row) => Assert.Equal(vector, row);

    [Theory]
    [MemberData(nameof(Equivalent))]
    public void Rows_read_back_to_the_fields_of_the_vectors(string vector, string row)
    {
        var expected = SmartRestText.ReadOne(vector, SmartRestQuoteEscape.Doubled).Fields;
        var actual = SmartRestText.ReadOne(row, SmartRestQuoteEscape.Doubled).Fields;

        Assert.Equal(TrimTrailingEmpty(expected), TrimTrailingEmpty(actual), FieldComparer.Instance);
    }

    [Fact]
    public void A_measurement_from_a_double_matches_the_vector() =>
        Assert.Equal("200,c8y_Temperature,T,25", UpstreamRows.Measurement("c8y_Temperature", "T", 25.0).Text);

    [Fact]
    public void Child_rows_go_on_the_child_topic()
    {
        Assert.Equal("s/us", SmartRestTopics.UpstreamFor(null));
        Assert.Equal("s/us/immediate_child", SmartRestTopics.UpstreamFor("immediate_child"));
        Assert.Equal("s/us/test-device:device:child1", SmartRestTopics.UpstreamFor("test-device:device:child1"));
        Assert.Throws<ArgumentException>(() => SmartRestTopics.UpstreamFor("a/b"));
        Assert.Throws<ArgumentException>(() => SmartRestTopics.UpstreamFor("a+"));
    }

    private static string[] TrimTrailingEmpty(IEnumerable<string> fields)
    {
        var list = fields.ToList();
        while (list.Count > 1 && list[^1].Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }

        return [.. list];
    }

    /// <summary>Fields are equal as text, or as instants when both are ISO-8601 times.</summary>
    private sealed class FieldComparer : IEqualityComparer<string>
    {
        public static readonly FieldComparer Instance = new();

        public bool Equals(string? x, string? y) =>
            x == y || (TryTime(x, out var a) && TryTime(y, out var b) && a == b);

        public int GetHashCode(string obj) => 0;

        private static bool TryTime(string? text, out DateTimeOffset time)
        {
            time = default;
            if (text is null || text.Length < 20 || text[10] != 'T')
            {
                return false;
            }

            // Nanoseconds are beyond DateTimeOffset; milliseconds are what the gateway keeps.
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var zone = text.IndexOfAny(['Z', '+', '-'], 19);
            var trimmed = dot > 0 && zone > dot && zone - dot > 4 ? text[..(dot + 4)] + text[zone..] : text;
            return DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time);
        }
    }
}
