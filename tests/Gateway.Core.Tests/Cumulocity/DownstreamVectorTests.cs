using System.Collections.Immutable;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Core.Tests.Cumulocity;

/// <summary>The downstream conformance vectors of the Cumulocity reference (§9).</summary>
public class DownstreamVectorTests
{
    private const SmartRestQuoteEscape Downstream = SmartRestQuoteEscape.DoubledOrBackslash;

    public static TheoryData<string, DeviceOperation> Operations => new()
    {
        { "510,DeviceSerial", new RestartOperation("DeviceSerial") },
        { "511,DeviceSerial,execute this", new CommandOperation("DeviceSerial", "execute this") },
        { "513,DeviceSerial,\"val1=1\\nval2=2\"", new ConfigurationOperation("DeviceSerial", "val1=1\\nval2=2") },
        { "511,myDeviceSerial,\"execute this\\nand this\\nand \\\"this\\\"\"", new CommandOperation("myDeviceSerial", "execute this\\nand this\\nand \"this\"") },
        { "511,device,\"echo \\\"hello\\\"; echo \\\"world\\\"\"", new CommandOperation("device", "echo \"hello\"; echo \"world\"") },
        { "511,device,\"echo hello,world\"", new CommandOperation("device", "echo hello,world") },
        { "515,DeviceSerial,myFirmware,1.0,http://www.my.url", new FirmwareOperation("DeviceSerial", "myFirmware", "1.0", "http://www.my.url") },
        { "515,DeviceSerial,ubuntu core,20.04.3,$PROVIDED", new FirmwareOperation("DeviceSerial", "ubuntu core", "20.04.3", "$PROVIDED") },
        { "517,DeviceSerial,LOGA", new MeasurementRequestOperation("DeviceSerial", "LOGA") },
        { "518,DeviceSerial,OPEN", new RelayOperation("DeviceSerial", RelayState.Open) },
        { "519,ginger,CLOSED,OPEN", new RelayArrayOperation("ginger", [RelayState.Closed, RelayState.Open]) },
        { "516,DeviceSerial,softwareA,1.0,url1,softwareB,2.0,url2", Unsupported("516", "c8y_SoftwareList", "softwareA", "1.0", "url1", "softwareB", "2.0", "url2") },
        { "520,DeviceSerial", Unsupported("520", "c8y_UploadConfigFile") },
        { "521,DeviceSerial,http://www.my.url", Unsupported("521", "c8y_DownloadConfigFile", "http://www.my.url") },
        {
            "522,DeviceSerial,logfileA,2013-06-22T17:03:14.000+02:00,2013-06-22T18:03:14.000+02:00,ERROR,1000",
            Unsupported("522", "c8y_LogfileRequest", "logfileA", "2013-06-22T17:03:14.000+02:00", "2013-06-22T18:03:14.000+02:00", "ERROR", "1000")
        },
        {
            "522,DeviceSerial,syslog,2021-09-21T11:40:27+0200,2021-09-22T11:40:27+0200,ERROR,1000",
            Unsupported("522", "c8y_LogfileRequest", "syslog", "2021-09-21T11:40:27+0200", "2021-09-22T11:40:27+0200", "ERROR", "1000")
        },
        { "523,DeviceSerial,SMS", Unsupported("523", "c8y_CommunicationMode", "SMS") },
        { "524,DeviceSerial,http://www.my.url,type", Unsupported("524", "c8y_DownloadConfigFile", "http://www.my.url", "type") },
        { "525,DeviceSerial,firmwareName,1.0,http://www.my.url,dependency", Unsupported("525", "c8y_Firmware", "firmwareName", "1.0", "http://www.my.url", "dependency") },
        { "526,DeviceSerial,type", Unsupported("526", "c8y_UploadConfigFile", "type") },
        {
            "527,DeviceSerial,$FW,firmwareName,1.0,http://www.my.url,true,dependency,$SW,softwareA,1.0,http://www.my.url1,action1,softwareB,2.0,http://www.my.url2,action2,$CONF,http://www.my.url1,type1,http://www.my.url2,type2",
            Unsupported(
                "527", "c8y_DeviceProfile", "$FW", "firmwareName", "1.0", "http://www.my.url", "true", "dependency", "$SW", "softwareA", "1.0",
                "http://www.my.url1", "action1", "softwareB", "2.0", "http://www.my.url2", "action2", "$CONF", "http://www.my.url1", "type1", "http://www.my.url2", "type2")
        },
        { "528,DeviceSerial,softwareA,1.0,url1,install,softwareB,2.0,url2,install", Unsupported("528", "c8y_SoftwareUpdate", "softwareA", "1.0", "url1", "install", "softwareB", "2.0", "url2", "install") },
        { "530,DeviceSerial,10.0.0.67,22,eb5e9d13-1caa-486b-bdda-130ca0d87df8", Unsupported("530", "c8y_RemoteAccessConnect", "10.0.0.67", "22", "eb5e9d13-1caa-486b-bdda-130ca0d87df8") },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_rows_decode_to_typed_operations(string vector, DeviceOperation expected)
    {
        var row = SmartRestText.ReadOne(vector, Downstream);

        Assert.True(SmartRestDecoder.TryDecodeOperation(row, out var operation, out var error), error);
        Assert.Equal(expected, operation);
        Assert.Equal(expected.Fragment, operation.Fragment);
    }

    [Fact]
    public void A_literal_backslash_n_stays_two_characters()
    {
        var row = SmartRestText.ReadOne("513,DeviceSerial,\"val1=1\\nval2=2\"", Downstream);

        Assert.Equal(@"val1=1\nval2=2", row.Fields[2]);
        Assert.DoesNotContain('\n', row.Fields[2]);
    }

    [Fact]
    public void A_multi_row_publish_gives_every_row_and_keeps_line_feeds_inside_quotes()
    {
        var rows = SmartRestText.ReadAll("511,device,echo hello\n511,device,\"echo hello\necho world\"", Downstream);

        Assert.Equal(2, rows.Length);
        Assert.Equal(["511", "device", "echo hello"], rows[0].Fields);
        Assert.Equal(["511", "device", "echo hello\necho world"], rows[1].Fields);
    }

    [Fact]
    public void Rows_for_the_gateway_and_its_children_name_their_device_in_field_two()
    {
        var rows = SmartRestText.ReadAll("510,gateway-1\n518,gateway-1:device:0011223344556677,CLOSED\n511,gateway-1:device:8899,\"interval 500\"", Downstream);
        var operations = rows.Select(r => Assert.IsType<DeviceOperation>(Decode(r), exactMatch: false)).ToArray();

        Assert.Equal(["gateway-1", "gateway-1:device:0011223344556677", "gateway-1:device:8899"], operations.Select(o => o.DeviceId));
        Assert.Equal(new RelayOperation("gateway-1:device:0011223344556677", RelayState.Closed), operations[1]);
    }

    [Fact]
    public void Replies_are_not_operations()
    {
        var row = SmartRestText.ReadOne("106,child1,child2,child3", Downstream);

        Assert.False(SmartRestDecoder.TryDecodeOperation(row, out var operation, out var error));
        Assert.Null(operation);
        Assert.Contains("106", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bootstrap_credentials_decode_and_hide_the_password()
    {
        var row = SmartRestText.ReadOne("70,tenant,username,password", Downstream);

        Assert.True(SmartRestDecoder.TryDecodeCredentials(row, out var credentials, out var error), error);
        Assert.Equal(("tenant", "username", "password", "tenant/username"), (credentials.Tenant, credentials.User, credentials.Password, credentials.UserName));
        Assert.DoesNotContain("password", credentials.ToString().Replace("password hidden", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("70,tenant,username")]
    [InlineData("70,tenant,username,password,extra")]
    [InlineData("70,,username,password")]
    [InlineData("71,123456")]
    public void Malformed_credentials_are_refused(string vector)
    {
        var row = SmartRestText.ReadOne(vector, Downstream);

        Assert.False(SmartRestDecoder.TryDecodeCredentials(row, out var credentials, out var error));
        Assert.Null(credentials);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Error_rows_decode_to_diagnostics()
    {
        Assert.True(SmartRestDecoder.TryDecodeDiagnostic(SmartRestText.ReadOne("41,100,Device already existing", Downstream), out var existing, out _));
        Assert.Equal(new SmartRestDiagnostic(41, "100", "Device already existing"), existing);

        Assert.True(SmartRestDecoder.TryDecodeDiagnostic(SmartRestText.ReadOne("41,myNotExistingTemplateCollection", Downstream), out var collection, out _));
        Assert.Equal(new SmartRestDiagnostic(41, "myNotExistingTemplateCollection", string.Empty), collection);

        Assert.True(SmartRestDecoder.TryDecodeDiagnostic(SmartRestText.ReadOne("45,201,Wrong number of arguments, expected 4", Downstream), out var commas, out _));
        Assert.Equal("Wrong number of arguments, expected 4", commas.Message);

        Assert.False(SmartRestDecoder.TryDecodeDiagnostic(SmartRestText.ReadOne("error,100,x", Downstream), out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Every_operation_template_has_its_fragment()
    {
        Assert.True(DownstreamTemplates.TryGetFragment("510", out var restart));
        Assert.Equal("c8y_Restart", restart);
        Assert.True(DownstreamTemplates.TryGetFragment("529", out var software));
        Assert.Equal("c8y_SoftwareUpdate", software);
        Assert.False(DownstreamTemplates.TryGetFragment("512", out _));
        Assert.False(DownstreamTemplates.TryGetFragment("106", out _));
    }

    private static DeviceOperation? Decode(SmartRestRow row) =>
        SmartRestDecoder.TryDecodeOperation(row, out var operation, out _) ? operation : null;

    private static UnsupportedOperation Unsupported(string template, string fragment, params string[] parameters) =>
        new(template, "DeviceSerial", fragment, [.. parameters]);
}
