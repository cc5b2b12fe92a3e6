using System.Text;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Tests.Fakes.Cumulocity;
using MQTTnet;

namespace Gateway.Tests.Fakes;

/// <summary>Last will, bootstrap and certificate authentication.</summary>
public sealed partial class CumulocityEmulatorTests
{
    private const string LastWill = "400,c8y_ConnectionEvent,\"Device connection was lost.\"";

    [Fact]
    public async Task The_last_will_fires_when_the_connection_drops()
    {
        await using var emulator = await StartAsync();
        var gateway = await ConnectAsync(emulator, GatewayId, Options(emulator, GatewayId).WithWillTopic("s/us").WithWillPayload(LastWill));
        await gateway.PublishAsync("s/us", "100,Gateway");
        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.ConnectionStatus == "CONNECTED");

        gateway.Kill();

        await emulator.WaitForAsync(() => emulator.Device(GatewayId).Events.Count == 1, what: "the will's event");
        var lost = emulator.Device(GatewayId).Events[0];
        Assert.Equal(("c8y_ConnectionEvent", "Device connection was lost."), (lost.Type, lost.Text));
        await emulator.WaitForAsync(() => emulator.Device(GatewayId).ConnectionStatus == "DISCONNECTED");
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_clean_disconnect_does_not_fire_the_will()
    {
        await using var emulator = await StartAsync();
        var gateway = await ConnectAsync(emulator, GatewayId, Options(emulator, GatewayId).WithWillTopic("s/us").WithWillPayload(LastWill));
        await gateway.PublishAsync("s/us", "100,Gateway");
        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.ConnectionStatus == "CONNECTED");

        await gateway.DisposeAsync();

        await emulator.WaitForAsync(() => emulator.ConnectionCount == 0);
        await using var probe = await ConnectAsync(emulator, "probe");
        await probe.PublishAsync("s/us", "125");
        await emulator.WaitForAsync(() => emulator.FindDevice("probe") is not null);
        Assert.Empty(emulator.Device(GatewayId).Events);
        Assert.Equal("DISCONNECTED", emulator.Device(GatewayId).ConnectionStatus);
    }

    [Fact]
    public async Task A_displaced_connection_fires_its_will()
    {
        await using var emulator = await StartAsync();
        var older = await ConnectAsync(emulator, GatewayId, Options(emulator, GatewayId).WithWillTopic("s/us").WithWillPayload(LastWill));
        await older.PublishAsync("s/us", "100");

        await using var newer = await ConnectAsync(emulator, $"d:{GatewayId}");

        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.Events.Count == 1);
        older.Client.Dispose();
    }

    [Fact]
    public async Task Bootstrap_hands_out_credentials_once_after_acceptance()
    {
        await using var emulator = await StartAsync();
        var device = await EmulatorClient.ConnectAsync(EmulatorClient.Options(emulator, "dev-7", SmartRestTopics.BootstrapUser, emulator.BootstrapPassword));
        Assert.Equal([MqttClientSubscribeResultCode.GrantedQoS1], await device.SubscribeAsync(SmartRestTopics.BootstrapCredentials));

        await device.PublishAsync(SmartRestTopics.BootstrapRequest, []);
        await emulator.WaitForAsync(() => emulator.BootstrapRequests.Contains("dev-7"));
        Assert.Empty(device.Received);

        var accepted = emulator.AcceptBootstrap("dev-7");
        await device.PublishAsync(SmartRestTopics.BootstrapRequest, []);
        var row = await device.WaitForAsync(SmartRestTopics.BootstrapCredentials, _ => true);
        await device.PublishAsync(SmartRestTopics.BootstrapRequest, []);
        await emulator.WaitForAsync(() => emulator.Upstream.Count == 3);

        Assert.True(emulator.BootstrapDelivered("dev-7"));
        Assert.Single(device.Received);
        Assert.True(SmartRestReader.TryReadAll(Encoding.UTF8.GetBytes(row), SmartRestQuoteEscape.DoubledOrBackslash, out var rows, out var error), error);
        Assert.True(SmartRestDecoder.TryDecodeCredentials(rows[0], out var credentials, out error), error);
        Assert.Equal((accepted.Tenant, accepted.User, accepted.Password), (credentials.Tenant, credentials.User, credentials.Password));
        await device.DisposeAsync();
        Assert.Equal(MqttClientConnectResultCode.Success, await EmulatorClient.TryConnectAsync(EmulatorClient.Options(emulator, "dev-7", credentials.UserName, credentials.Password)));
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task The_bootstrap_connection_is_limited_to_its_topics_and_password()
    {
        await using var emulator = await StartAsync();
        Assert.Equal(
            MqttClientConnectResultCode.BadUserNameOrPassword,
            await EmulatorClient.TryConnectAsync(EmulatorClient.Options(emulator, "dev-7", SmartRestTopics.BootstrapUser, "guess")));
        await using var device = await EmulatorClient.ConnectAsync(EmulatorClient.Options(emulator, "dev-7", SmartRestTopics.BootstrapUser, emulator.BootstrapPassword));

        Assert.Equal([MqttClientSubscribeResultCode.UnspecifiedError], await device.SubscribeAsync("s/ds"));
        await device.PublishAsync("s/us", "100");
        await device.PublishAsync(SmartRestTopics.BootstrapRequest, "not empty");

        await emulator.WaitForAsync(() => emulator.Violations.Count == 3);
        Assert.Null(emulator.FindDevice("dev-7"));
        Assert.Empty(emulator.BootstrapRequests);
    }

    [Fact]
    public async Task A_certificate_whose_cn_is_the_device_identifier_authenticates_without_a_password()
    {
        await using var emulator = await StartAsync(new CumulocityEmulatorOptions { EnableTls = true });

        await using var gateway = await EmulatorClient.ConnectAsync(EmulatorClient.TlsOptions(emulator, $"d:{GatewayId}", emulator.IssueDeviceCertificate(GatewayId)));
        await gateway.PublishAsync("s/us", "100,Certified");

        await emulator.WaitForAsync(() => emulator.FindDevice(GatewayId)?.Name == "Certified");
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Tls_with_a_password_and_no_certificate_is_accepted()
    {
        await using var emulator = await StartAsync(new CumulocityEmulatorOptions { EnableTls = true });

        var options = EmulatorClient.TlsOptions(emulator, GatewayId, null).WithCredentials($"{emulator.Tenant}/{User}", Password);

        Assert.Equal(MqttClientConnectResultCode.Success, await EmulatorClient.TryConnectAsync(options));
    }

    [Fact]
    public async Task A_certificate_for_another_cn_or_from_an_unknown_ca_is_refused()
    {
        await using var emulator = await StartAsync(new CumulocityEmulatorOptions { EnableTls = true });
        var stranger = TestCertificates.CreateAuthority("Stranger CA");

        var wrongName = await EmulatorClient.TryConnectAsync(EmulatorClient.TlsOptions(emulator, GatewayId, emulator.IssueDeviceCertificate("gw-2")));
        var colon = await EmulatorClient.TryConnectAsync(EmulatorClient.TlsOptions(emulator, "gw", emulator.IssueDeviceCertificate("gw:1")));
        var untrusted = await EmulatorClient.TryConnectAsync(EmulatorClient.TlsOptions(emulator, GatewayId, TestCertificates.IssueDevice(stranger, GatewayId)));
        var withPassword = await EmulatorClient.TryConnectAsync(
            EmulatorClient.TlsOptions(emulator, GatewayId, emulator.IssueDeviceCertificate("gw-2")).WithCredentials($"{emulator.Tenant}/{User}", Password));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, wrongName);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, colon);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, untrusted);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, withPassword);
        Assert.Contains("is not the device identifier", emulator.RefusedConnections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("contains ':'", emulator.RefusedConnections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("does not chain", emulator.RefusedConnections[2].Reason, StringComparison.Ordinal);

        emulator.TrustCertificate(stranger);
        Assert.Equal(MqttClientConnectResultCode.Success, await EmulatorClient.TryConnectAsync(EmulatorClient.TlsOptions(emulator, GatewayId, TestCertificates.IssueDevice(stranger, GatewayId))));
    }

    [Fact]
    public async Task Only_ca_certificates_can_be_trusted()
    {
        await using var emulator = await StartAsync(new CumulocityEmulatorOptions { EnableTls = true });

        var refused = Assert.Throws<InvalidOperationException>(() => emulator.TrustCertificate(TestCertificates.CreateSelfSignedLeaf(GatewayId)));

        Assert.StartsWith("422", refused.Message, StringComparison.Ordinal);
    }
}
