using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Tests.Fakes.Cumulocity;
using Gateway.Tests.Infrastructure;
using Gateway.Uplink.Cumulocity;

namespace Gateway.Tests.Cumulocity;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class CredentialsTests
{
    [Fact]
    public void Written_credentials_are_private_and_read_back()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "cumulocity", "credentials");

        CredentialsFile.Write(path, new BootstrapCredentials("t1", "device_gw", "p=ss word,\"x\""));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var read = CredentialsFile.Read(path, "Cumulocity:CredentialsFile");
        Assert.Equal(("t1", "device_gw", "p=ss word,\"x\""), (read.Tenant, read.User, read.Password));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, "0604")]
    public void A_file_others_can_read_is_refused_with_the_fix(UnixFileMode mode, string shown)
    {
        using var directory = new TempDirectory();
        var path = directory.File("credentials");
        File.WriteAllText(path, "tenant=t1\nuser=u\npassword=p\n");
        File.SetUnixFileMode(path, mode);

        var e = Assert.Throws<CredentialsFileException>(() => CredentialsFile.Read(path, "Cumulocity:CredentialsFile"));

        Assert.Contains($"has mode {shown}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Expected mode 0600", e.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Fix: chmod 600 {path}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incomplete_file_says_what_is_missing_without_showing_the_password()
    {
        var e = Assert.Throws<CredentialsFileException>(() => CredentialsFile.Parse("# c8y\ntenant=t1\n", "/x", "K"));
        Assert.Contains("missing: user, password", e.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<CredentialsFileException>(() => CredentialsFile.Parse("secret-password\n", "/x", "K"));
        Assert.DoesNotContain("secret-password", bad.Message, StringComparison.Ordinal);
        Assert.Throws<CredentialsFileException>(() => CredentialsFile.EnsurePrivate("/nonexistent/credentials", "K"));
    }

    [Fact]
    public void A_certificate_whose_cn_is_not_the_client_id_is_named_clearly()
    {
        using var authority = TestCertificates.CreateAuthority("Test CA");
        using var device = TestCertificates.IssueDevice(authority, "gw-1");
        var now = DateTimeOffset.UtcNow;

        Assert.Null(DeviceCertificateCheck.Problem([device, authority], "chain.pem", "gw-1", now));
        var wrongName = DeviceCertificateCheck.Problem([device, authority], "chain.pem", "gw-2", now);
        Assert.Contains("the certificate's CN is 'gw-1' but the client id is 'gw-2'", wrongName, StringComparison.Ordinal);
        var wrongOrder = DeviceCertificateCheck.Problem([device, device], "chain.pem", "gw-1", now);
        Assert.Contains("Expected the device certificate first", wrongOrder, StringComparison.Ordinal);
        Assert.Contains("not now", DeviceCertificateCheck.Problem([device], "chain.pem", "gw-1", now.AddYears(30)), StringComparison.Ordinal);
    }
}
