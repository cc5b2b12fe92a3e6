using Gateway.Core.Framing;
using static Gateway.Core.Tests.Framing.ReaderTestKit;

namespace Gateway.Core.Tests.Framing;

/// <summary>What each frame type decodes to, beyond the shared vectors.</summary>
public class FrameDecodingTests
{
    private const string Ids = "id=3f9a2c71d04b8e15,boot=0000002a";

    [Fact]
    public void A_hello_gives_its_identity_sensors_and_outputs()
    {
        var hello = Decode<HelloFrame>($"H,7,p=1,{Ids},fw=node+x,ver=1.2.3-rc.1,iv=250,rs=16,s=temp:deg C;button:;light:%,o=13:led;7:relay");

        Assert.Equal((7u, 1u), (hello.Seq, hello.ProtocolVersion));
        Assert.Equal(("3F9A2C71D04B8E15", "0000002A"), (hello.DeviceId, hello.BootId));
        Assert.Equal(("node+x", "1.2.3-rc.1", 250u, 16u), (hello.Firmware, hello.FirmwareVersion, hello.IntervalMs, hello.ResendCapacity));
        Assert.Equal([new("temp", "deg C"), new("button", ""), new("light", "%")], hello.Sensors);
        Assert.Equal([new(13, "led"), new(7, "relay")], hello.Outputs);
    }

    [Fact]
    public void A_hello_without_resend_or_outputs_has_none_and_an_empty_sensor_list_is_no_sensors()
    {
        var hello = Decode<HelloFrame>($"H,0,p=1,{Ids},fw=a,ver=1,iv=0,s=,o=");

        Assert.Equal(0u, hello.ResendCapacity);
        Assert.Empty(hello.Sensors);
        Assert.Empty(hello.Outputs);
    }

    [Theory]
    [InlineData("p=1,p=1,{ids},fw=a,ver=1,iv=1,s=t:C", "a key given twice")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C;t:F", "a sensor given twice")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,o=1:a;1:b", "an output pin given twice")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,o=1:a;2:a", "an output name given twice")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,o=x:led", "an output pin that is not a number")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,o=13", "an output without a colon")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:12345678901234567", "a unit over 16 bytes")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:a:b", "a unit with a colon")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C;", "an empty sensor item")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,rs=x", "a resend size that is not a number")]
    [InlineData("p=1,{ids},fw=b/c,ver=1,iv=1,s=t:C", "a firmware name with a slash")]
    [InlineData("p=1,{ids},fw=a,ver=,iv=1,s=t:C", "an empty firmware version")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,novalue", "a field that is not key=value")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=1,s=t:C,=x", "a field with an empty key")]
    [InlineData("p=1,{ids},fw=a,ver=1,iv=4294967296,s=t:C", "an interval over 32 bits")]
    public void A_hello_with_bad_fields_is_malformed(string fields, string why)
    {
        Assert.Equal("ok", Outcome($"H,0,p=1,{Ids},fw=a,ver=1,iv=1,s=t:C,o=1:a,future=x"));
        Assert.True(Outcome("H,0," + fields.Replace("{ids}", Ids, StringComparison.Ordinal)) == "malformed", why);
    }

    [Fact]
    public void A_hello_of_another_version_is_rejected_as_version_whatever_its_other_fields()
    {
        Assert.Equal("version", Outcome("H,0,p=2,layout;of;the;future"));
        Assert.Equal("malformed", Outcome("H,0,p=x," + Ids));
    }

    [Fact]
    public void A_reading_keeps_each_value_as_a_double_and_as_the_exact_text()
    {
        var reading = Decode<ReadingFrame>("R,9,temp=21.50,big=1795381961438517565,tiny=-2.5E-2,zero=-0");

        Assert.Equal(9u, reading.Seq);
        Assert.Equal(["temp", "big", "tiny", "zero"], reading.Values.Select(v => v.Name));
        Assert.Equal([21.5, 1795381961438517565d, -0.025, -0d], reading.Values.Select(v => v.Value));
        Assert.Equal(["21.50", "1795381961438517565", "-2.5E-2", "-0"], reading.Values.Select(v => v.Text));
    }

    [Fact]
    public void A_reading_value_beyond_the_range_of_a_double_is_malformed()
    {
        Assert.Equal("malformed", Outcome("R,1,x=1e400"));
        Assert.Equal("ok", Outcome("R,1,x=1e300"));
    }

    [Fact]
    public void Repeated_names_and_values_reuse_their_strings()
    {
        var reader = new FrameReader();
        string lines = ReferenceCrc.Frame("R,1,temp=21.50") + "\n" + ReferenceCrc.Frame("R,2,temp=21.50") + "\n";
        var buffer = new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.ASCII.GetBytes(lines));

        List<LinkItem> items = LinkFeeder.ReadAll(reader, ref buffer);

        SensorValue first = ((ReadingFrame)items[0].Frame!).Values[0];
        SensorValue second = ((ReadingFrame)items[1].Frame!).Values[0];
        Assert.Same(first.Name, second.Name);
        Assert.Same(first.Text, second.Text);
    }

    [Fact]
    public void An_event_gives_its_type_and_decoded_text()
    {
        var @event = Decode<EventFrame>("E,12,fault,%C2%b0C 100%25%2c sensor%24%2A%0A");

        Assert.Equal((12u, "fault", "°C 100%, sensor$*\n"), (@event.Seq, @event.EventType, @event.Text));
        Assert.Equal(string.Empty, Decode<EventFrame>("E,13,boot").Text);
        Assert.Equal(string.Empty, Decode<EventFrame>("E,14,boot,").Text);
        Assert.Equal("caf\uFFFD", Decode<EventFrame>("E,15,note,caf%E9").Text);
    }

    [Theory]
    [InlineData("E,1,fault,50% done", "a percent not followed by two hex digits")]
    [InlineData("E,1,fault,50%2", "a percent cut short")]
    [InlineData("E,1,fault,a,b", "a raw comma in the text")]
    [InlineData("E,1,bad type,x", "a space in the type")]
    [InlineData("A,1,70000", "a command id over 65535")]
    [InlineData("A,1,5,iv=1,iv=2", "an ack key given twice")]
    [InlineData("A,1,5,iv", "an ack field without equals")]
    [InlineData("N,1,5,timeout", "an unknown nak reason")]
    [InlineData("N,1,5,busy,text,more", "a nak with a raw comma in its text")]
    [InlineData("C,1,in fo", "a verb with a space")]
    public void Bad_payloads_are_malformed(string body, string why)
    {
        Assert.True(Outcome(body) == "malformed", why);
    }

    [Fact]
    public void An_ack_gives_its_command_id_and_ordered_fields()
    {
        var ack = Decode<AckFrame>("A,12,9,from=10,to=12,note=");

        Assert.Equal((12u, (ushort)9), (ack.Seq, ack.CommandId));
        Assert.Equal([new("from", "10"), new("to", "12"), new("note", "")], ack.Fields);
        Assert.Equal((ushort)0, Decode<AckFrame>("A,0,0").CommandId);
    }

    [Fact]
    public void A_nak_gives_its_reason_and_decoded_text()
    {
        var nak = Decode<NakFrame>("N,46,9,badarg,pin 4 is not an output%2C see o=");

        Assert.Equal((46u, (ushort)9, NakReason.BadArgument, "pin 4 is not an output, see o="), (nak.Seq, nak.CommandId, nak.Reason, nak.Text));
        Assert.Equal(
            [NakReason.UnknownVerb, NakReason.BadArgument, NakReason.Busy, NakReason.Malformed],
            new[] { "unknown", "badarg", "busy", "malformed" }.Select(reason => Decode<NakFrame>($"N,1,2,{reason}").Reason));
    }

    [Fact]
    public void A_command_gives_its_id_verb_and_args()
    {
        var command = Decode<CommandFrame>("C,65535,out,7,1");

        Assert.Equal((65535u, (ushort)65535, "out", FrameType.Command), (command.Seq, command.Id, command.Verb, command.Type));
        Assert.Equal(["7", "1"], command.Args);
        Assert.Empty(Decode<CommandFrame>("C,1,info").Args);
    }

    [Fact]
    public void Seq_numbers_cover_the_full_unsigned_range()
    {
        Assert.Equal(uint.MaxValue, Decode<EventFrame>("E,4294967295,x").Seq);
        Assert.Equal(0u, Decode<EventFrame>("E,0000000000,x").Seq);
        Assert.Equal("malformed", Outcome("E,00000000000,x"));
    }
}
