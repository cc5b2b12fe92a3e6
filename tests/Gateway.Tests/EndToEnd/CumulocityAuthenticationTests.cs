using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.EndToEnd;

/// <summary>Device bootstrap and device certificates against the Cumulocity emulator.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CumulocityAuthenticationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Bootstrap_obtains_credentials_stores_them_privately_and_connects_with_them()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var password = c8y.PrivateFile("bootstrap-password", c8y.Emulator.BootstrapPassword + "\n");
        var gateway = c8y.StartGatewayWith(
            board.PortPath,
            [
                string.Create(CultureInfo.InvariantCulture, $"Cumulocity:Port={c8y.Emulator.Port}"),
                "Cumulocity:Tls:Enabled=false",
                "Cumulocity:Auth=Bootstrap",
                $"Cumulocity:BootstrapPasswordFile={password}",
                "Cumulocity:BootstrapPollSeconds=1",
            ]);
        await gateway.WaitForLogAsync("waiting for an operator to accept device gw-c8y", Wait);
        await c8y.Emulator.WaitForAsync(() => c8y.Emulator.BootstrapRequests.Contains(CumulocityScenario.GatewayId), Wait, "a request on s/ucr");

        var credentials = c8y.Emulator.AcceptBootstrap(CumulocityScenario.GatewayId);

        await c8y.ChildAsync();
        var stored = Path.Combine(c8y.Scenario.DataDirectory, "cumulocity", "credentials");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));
        Assert.Contains($"password={credentials.Password}", await File.ReadAllTextAsync(stored, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // The next start uses the stored credentials without asking again.
        Assert.Equal(0, await gateway.StopAsync());
        var requests = c8y.Emulator.AcceptedConnections;
        var again = c8y.StartGatewayWith(
            board.PortPath,
            [
                string.Create(CultureInfo.InvariantCulture, $"Cumulocity:Port={c8y.Emulator.Port}"),
                "Cumulocity:Tls:Enabled=false",
                "Cumulocity:Auth=Bootstrap",
                $"Cumulocity:BootstrapPasswordFile={password}",
            ]);
        await again.WaitForLogAsync("cumulocity: connected", Wait);
        Assert.Equal(requests + 1, c8y.Emulator.AcceptedConnections);
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_device_certificate_connects_over_mutual_tls()
    {
        await using var c8y = await CumulocityScenario.StartAsync(tls: true);
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGatewayWith(board.PortPath, CertificateSettings(c8y, CumulocityScenario.GatewayId));

        await c8y.ChildAsync();
        Assert.Contains("(Certificate)", gateway.Output, StringComparison.Ordinal);
        c8y.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_certificate_for_another_device_stops_the_gateway_with_a_clear_message()
    {
        await using var c8y = await CumulocityScenario.StartAsync(tls: true);
        var board = await c8y.StartBoardAsync();
        var gateway = c8y.StartGatewayWith(board.PortPath, CertificateSettings(c8y, "someone-else"));

        Assert.Equal(78, await gateway.Process.WaitForExitAsync(Wait));
        Assert.Contains("the certificate's CN is 'someone-else' but the client id is 'gw-c8y'", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credentials_file_others_can_read_is_refused()
    {
        await using var c8y = await CumulocityScenario.StartAsync();
        var board = await c8y.StartBoardAsync();
        var credentials = c8y.PrivateFile("open-credentials", "tenant=t\nuser=u\npassword=p\n");
        File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var gateway = c8y.StartGatewayWith(
            board.PortPath,
            [
                string.Create(CultureInfo.InvariantCulture, $"Cumulocity:Port={c8y.Emulator.Port}"),
                "Cumulocity:Tls:Enabled=false",
                $"Cumulocity:CredentialsFile={credentials}",
            ]);

        Assert.Equal(78, await gateway.Process.WaitForExitAsync(Wait));
        Assert.Contains($"Fix: chmod 600 {credentials}", gateway.Output, StringComparison.Ordinal);
    }

    private static string[] CertificateSettings(CumulocityScenario c8y, string commonName)
    {
        using var device = c8y.Emulator.IssueDeviceCertificate(commonName);
        var authority = c8y.Emulator.Authority!;
        var ca = c8y.PrivateFile("ca.pem", authority.ExportCertificatePem());
        var chain = c8y.PrivateFile("device-chain.pem", device.ExportCertificatePem() + "\n" + authority.ExportCertificatePem());
        using var key = device.GetECDsaPrivateKey()!;
        var keyFile = c8y.PrivateFile("device-key.pem", key.ExportPkcs8PrivateKeyPem());
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"Cumulocity:Port={c8y.Emulator.TlsPort}"),
            "Cumulocity:Auth=Certificate",
            "Cumulocity:Tls:Enabled=true",
            $"Cumulocity:Tls:CaFile={ca}",
            $"Cumulocity:Tls:CertFile={chain}",
            $"Cumulocity:Tls:KeyFile={keyFile}",
        ];
    }
}
