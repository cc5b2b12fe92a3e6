using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// Checks a device certificate chain before the first connection, so that what Cumulocity would answer
/// with a bare CONNACK 5 is said clearly at start: the leaf's CN must equal the client id (and contain no
/// ':'), the chain must go leaf first and each certificate must be issued by the next, and the leaf must
/// be valid now.
/// </summary>
internal static class DeviceCertificateCheck
{
    /// <summary>The problem with the chain in <paramref name="certFile"/> for <paramref name="clientId"/>, or null when there is none.</summary>
    public static string? Problem(string certFile, string clientId, DateTimeOffset now)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPemFile(certFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"Cumulocity:Tls:CertFile = '{certFile}': not a readable PEM certificate chain ({e.Message}).";
        }

        return Problem(chain, certFile, clientId, now);
    }

    /// <summary>The problem with <paramref name="chain"/> (leaf first), or null.</summary>
    public static string? Problem(X509Certificate2Collection chain, string certFile, string clientId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            return $"Cumulocity:Tls:CertFile = '{certFile}': no certificate in the file.";
        }

        var leaf = chain[0];
        var commonName = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (commonName.Contains(':', StringComparison.Ordinal))
        {
            return $"Cumulocity:Tls:CertFile = '{certFile}': the certificate's CN '{commonName}' contains ':', which Cumulocity forbids. " +
                "Issue a certificate whose CN is the gateway's client id.";
        }

        if (!string.Equals(commonName, clientId, StringComparison.Ordinal))
        {
            return $"Cumulocity:Tls:CertFile = '{certFile}': the certificate's CN is '{commonName}' but the client id is '{clientId}'; " +
                "Cumulocity requires them to be equal. Fix: set Cumulocity:ClientId (or Gateway:Id) to the CN, or issue a certificate with CN=" + clientId + ".";
        }

        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (chain[i].IssuerName.RawData.AsSpan().SequenceEqual(chain[i + 1].SubjectName.RawData) is false)
            {
                return $"Cumulocity:Tls:CertFile = '{certFile}': certificate {i + 1} ('{chain[i].Subject}') is not issued by certificate {i + 2} " +
                    $"('{chain[i + 1].Subject}'). Expected the device certificate first, then each issuer up to the CA uploaded to the tenant.";
            }
        }

        if (now < leaf.NotBefore || now > leaf.NotAfter)
        {
            return $"Cumulocity:Tls:CertFile = '{certFile}': the device certificate is valid from {leaf.NotBefore:u} to {leaf.NotAfter:u}, not now ({now:u}).";
        }

        return null;
    }
}
