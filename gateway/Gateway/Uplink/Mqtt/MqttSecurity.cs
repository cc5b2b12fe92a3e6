using System.Security.Cryptography.X509Certificates;
using Gateway.Configuration;
using MQTTnet;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// TLS and credentials for an MQTT connection: server verification against a CA file or the system
/// store, a client certificate chain and key from PEM for mutual TLS, and a password from a file. Key and
/// password files readable by others are refused.
/// </summary>
public static class MqttSecurity
{
    /// <summary>Adds TLS to <paramref name="builder"/> when enabled.</summary>
    public static void ApplyTls(MqttClientOptionsBuilder builder, TlsOptions tls, string host, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.Enabled)
        {
            return;
        }

        var trusted = tls.CaFile.Length > 0 ? LoadCertificates(tls.CaFile, $"{keyPrefix}:CaFile") : null;
        var clientChain = tls.CertFile.Length > 0 ? LoadClientChain(tls, keyPrefix) : null;
        var serverName = tls.ServerName.Length > 0 ? tls.ServerName : host;
        builder.WithTlsOptions(o =>
        {
            o.UseTls();
            o.WithTargetHost(serverName);
            if (clientChain is not null)
            {
                o.WithClientCertificates(clientChain);
            }

            if (trusted is not null)
            {
                o.WithTrustChain(trusted);
            }
        });
    }

    /// <summary>Reads a password file, refusing one that others may read.</summary>
    public static string ReadSecretFile(string path, string key)
    {
        EnsurePrivate(path, key);
        return File.ReadAllText(path).TrimEnd('\r', '\n');
    }

    /// <summary>Refuses a secret file that users other than the owner (and its group) may read or change.</summary>
    public static void EnsurePrivate(string path, string key)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode Exposed = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupWrite;
        if ((mode & Exposed) != 0)
        {
            throw new SecretFileExposedException(
                $"{key} = '{path}' is readable or writable by other users (mode {Convert.ToString((int)mode, 8)}). " +
                $"Refusing to use it. Fix: chmod 600 {path} (or 640 with the gateway's group).");
        }
    }

    private static X509Certificate2Collection LoadCertificates(string path, string key)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new InvalidOperationException($"{key} = '{path}': not a PEM certificate file ({e.Message}).", e);
        }

        if (collection.Count == 0)
        {
            throw new InvalidOperationException($"{key} = '{path}': no certificate in the file.");
        }

        return collection;
    }

    private static X509Certificate2Collection LoadClientChain(TlsOptions tls, string keyPrefix)
    {
        EnsurePrivate(tls.KeyFile, $"{keyPrefix}:KeyFile");
        X509Certificate2 leaf;
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);

            // An ephemeral PEM key cannot be used by SslStream on every platform; round-trip through PKCS#12.
            leaf = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new InvalidOperationException(
                $"{keyPrefix}:CertFile = '{tls.CertFile}' with {keyPrefix}:KeyFile = '{tls.KeyFile}': cannot load the certificate and key ({e.Message}).", e);
        }

        var chain = new X509Certificate2Collection { leaf };
        var rest = LoadCertificates(tls.CertFile, $"{keyPrefix}:CertFile");
        for (var i = 1; i < rest.Count; i++)
        {
            chain.Add(rest[i]);
        }

        return chain;
    }
}

/// <summary>A secret file (key, password) is exposed to other users.</summary>
public sealed class SecretFileExposedException(string message) : Exception(message);
