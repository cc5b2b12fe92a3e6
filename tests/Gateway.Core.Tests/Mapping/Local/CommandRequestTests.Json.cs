namespace Gateway.Core.Tests.Mapping.Local;

/// <summary>JSON requests: <c>{"id":"r1","command":"out","pin":7,"state":1}</c>.</summary>
public partial class CommandRequestTests
{
    [Theory]
    [InlineData("""{"command":"interval","ms":1000}""", "interval 1000")]
    [InlineData("""{"command":"interval","ms":"3600000"}""", "interval 3600000")]
    [InlineData("""{"command":"out","pin":7,"state":1}""", "out 7 1")]
    [InlineData("""{"state":0,"command":"out","pin":13}""", "out 13 0")]
    [InlineData("""{"command":"out","pin":"7","state":"on"}""", "out 7 1")]
    [InlineData("""{"command":"out","pin":7,"state":true}""", "out 7 1")]
    [InlineData("""{"command":"out","pin":7,"state":false}""", "out 7 0")]
    [InlineData("""{"command":"identify"}""", "identify 5")]
    [InlineData("""{"command":"identify","seconds":60}""", "identify 60")]
    [InlineData("""{"command":"info"}""", "info")]
    [InlineData("""{"command":"reboot"}""", "reboot")]
    [InlineData("""{"command":"read"}""", "read")]
    [InlineData(""" { "command" : "read" } """, "read")]
    [InlineData("""{"command":"\u0072ead"}""", "read")]
    public void Each_command_is_read_from_its_named_arguments(string json, string command)
    {
        var request = Parse(json);

        Assert.Equal((command, string.Empty, 0), (request.Command?.ToString(), request.Error, request.TimeoutMs));
        Assert.Equal(command.Split(' ')[0], request.Name);
    }

    [Theory]
    [InlineData("""{"id":"r1","command":"info"}""", "r1")]
    [InlineData("""{"command":"info","id":"r1"}""", "r1")]
    [InlineData("""{"id":42,"command":"info"}""", "42")]
    [InlineData("""{"id":-7.50e1,"command":"info"}""", "-7.50e1")]
    [InlineData("""{"id":"","command":"info"}""", "")]
    public void The_requesters_id_is_kept_as_a_string_or_a_number_as_written(string json, string id)
    {
        var request = Parse(json);

        Assert.Equal((id, "info"), (request.Id, request.Command?.ToString()));
        Assert.Equal(0, _generated);
    }

    [Fact]
    public void A_request_without_an_id_gets_a_generated_one()
    {
        Assert.Equal("gen-1", Parse("""{"command":"info"}""").Id);
        Assert.Equal(1, _generated);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("60000", 60_000)]
    [InlineData("2500", 2_500)]
    [InlineData("\"2500\"", 2_500)]
    public void A_timeout_of_1_to_60000_ms_is_taken(string timeout, int expected)
    {
        var request = Parse($$"""{"id":"r1","command":"read","timeoutMs":{{timeout}}}""");

        Assert.Equal((expected, "read", string.Empty), (request.TimeoutMs, request.Command?.ToString(), request.Error));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("60001")]
    [InlineData("2147483648")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"soon\"")]
    [InlineData("\"\"")]
    public void A_timeout_out_of_bounds_or_not_an_integer_makes_the_request_invalid(string timeout)
    {
        var request = Parse($$"""{"id":"r1","command":"read","timeoutMs":{{timeout}}}""");

        Assert.Null(request.Command);
        Assert.Equal(("r1", "read", "timeoutMs must be 1–60000", 0), (request.Id, request.Name, request.Error, request.TimeoutMs));
    }

    [Theory]
    [InlineData("""{"id":"r1"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"id":"r1","command":""}""")]
    [InlineData("""{"id":"r1","pin":7,"state":1}""")]
    public void A_request_without_a_command_is_invalid(string json)
    {
        var request = Parse(json);

        Assert.Null(request.Command);
        Assert.Equal((string.Empty, "missing \"command\""), (request.Name, request.Error));
    }

    [Theory]
    [InlineData("""{"command":"info","force":true}""", "info", "'force' is not an argument of info; usage: info (no arguments)")]
    [InlineData("""{"command":"reboot","delay":5}""", "reboot", "'delay' is not an argument of reboot; usage: reboot (no arguments)")]
    [InlineData("""{"command":"out","pin":7,"state":1,"note":"x"}""", "out", "'note' is not an argument of out; usage: out <pin> <0|1>")]
    [InlineData("""{"command":"out","pin":7}""", "out", "usage: out <pin> <0|1>")]
    [InlineData("""{"command":"out","pin":7.0,"state":1}""", "out", "usage: out <pin> <0|1>")]
    [InlineData("""{"command":"out","pin":-7,"state":1}""", "out", "usage: out <pin> <0|1>")]
    [InlineData("""{"command":"out","pin":7,"state":2}""", "out", "usage: out <pin> <0|1>")]
    [InlineData("""{"command":"interval","ms":1e3}""", "interval", "usage: interval <ms>")]
    [InlineData("""{"command":"interval","ms":99}""", "interval", "interval must be 100–3600000 ms, not 99")]
    [InlineData("""{"command":"identify","seconds":61}""", "identify", "identify lasts 1–60 s, not 61")]
    [InlineData("""{"command":5}""", "5", "unknown command '5'; " + Known)]
    [InlineData("""{"command":"launch"}""", "launch", "unknown command 'launch'; " + Known)]
    public void Wrong_or_extra_arguments_make_the_request_invalid(string json, string name, string error)
    {
        var request = Parse($$"""{"id":"r1",{{json[1..]}}""");

        Assert.Null(request.Command);
        Assert.Equal(("r1", name, error), (request.Id, request.Name, request.Error));
    }

    [Theory]
    [InlineData("""{"command":"out","pin":7,"stat":1}""")]
    [InlineData("""{"command":"out","pn":7,"state":1}""")]
    [InlineData("""{"command":"out","a":7,"b":1}""")]
    [InlineData("""{"command":"interval","period":1000}""")]
    [InlineData("""{"command":"identify","duration":10}""")]
    public void A_misspelt_argument_does_not_stand_in_for_the_missing_one(string json)
    {
        var request = Parse(json);

        Assert.True(request.Command is null, $"{json} was taken as '{request.Command}'");
        Assert.NotEqual(string.Empty, request.Error);
    }

    [Theory]
    [InlineData("""{"id":"r1","command":"out","pin":{"n":7},"state":1}""", "pin", "out")]
    [InlineData("""{"id":"r1","command":"out","pin":[7],"state":1}""", "pin", "out")]
    [InlineData("""{"id":"r1","command":"out","pin":7,"state":null}""", "state", "out")]
    [InlineData("""{"id":"r1","command":{"name":"out"}}""", "command", "")]
    [InlineData("""{"id":"r1","command":"info","x":{"a":{"b":{"c":{"d":{"e":1}}}}}}""", "x", "info")]
    public void Nested_objects_arrays_and_nulls_are_refused(string json, string key, string name)
    {
        var request = Parse(json);

        Assert.Null(request.Command);
        Assert.Equal(("r1", name, $"'{key}' must be a string, number or boolean"), (request.Id, request.Name, request.Error));
    }
}
