using System.Text;
using Gateway.Core.Mapping.Cumulocity;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// The device credentials file: <c>tenant=</c>, <c>user=</c> and <c>password=</c> lines (blank lines and
/// <c>#</c> comments allowed). It holds a secret, so it must be a regular file that only its owner can
/// read or write (mode 0600 or 0400); anything else is refused with the command that fixes it. Written
/// atomically (new file, fsync, rename) with mode 0600.
/// </summary>
internal static class CredentialsFile
{
    private const UnixFileMode Exposed =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Reads the file at <paramref name="path"/>; <paramref name="key"/> names the setting in messages.</summary>
    /// <exception cref="CredentialsFileException">Missing, exposed to others, or incomplete.</exception>
    public static BootstrapCredentials Read(string path, string key)
    {
        EnsurePrivate(path, key);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CredentialsFileException($"{key} = '{path}': cannot be read ({e.Message}).", e);
        }

        return Parse(text, path, key);
    }

    /// <summary>Parses the file's text.</summary>
    /// <exception cref="CredentialsFileException">A line is not key=value, or tenant, user or password is missing.</exception>
    public static BootstrapCredentials Parse(string text, string path, string key)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? tenant = null, user = null, password = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? line.Trim() : line[..equals].Trim();
            var value = equals < 0 ? string.Empty : line[(equals + 1)..];
            switch (name)
            {
                case "tenant" when equals > 0:
                    tenant = value.Trim();
                    break;
                case "user" when equals > 0:
                    user = value.Trim();
                    break;
                case "password" when equals > 0:
                    password = value;
                    break;
                default:
                    throw new CredentialsFileException(
                        $"{key} = '{path}': line {lineNumber} is not tenant=…, user=… or password=… (the value is not shown).");
            }
        }

        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            throw new CredentialsFileException(
                $"{key} = '{path}': expected the three lines tenant=<tenant id>, user=<device user> and password=<password>; " +
                $"missing: {string.Join(", ", Missing(tenant, user, password))}.");
        }

        return new BootstrapCredentials(tenant, user, password);
    }

    /// <summary>Writes <paramref name="credentials"/> to <paramref name="path"/> atomically with mode 0600.</summary>
    public static void Write(string path, BootstrapCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        AtomicFile.Write(path, Encoding.UTF8.GetBytes($"tenant={credentials.Tenant}\nuser={credentials.User}\npassword={credentials.Password}\n"));
    }

    /// <summary>Refuses a file that is missing, not a regular file, or that users other than its owner may use.</summary>
    /// <exception cref="CredentialsFileException">Why the file cannot be used, and the command that fixes it.</exception>
    public static void EnsurePrivate(string path, string key)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CredentialsFileException($"{key} = '{path}': the file does not exist.");
        }

        if (info.LinkTarget is not null)
        {
            throw new CredentialsFileException($"{key} = '{path}': is a symbolic link; name the file itself.");
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = info.UnixFileMode;
        if ((mode & Exposed) != 0)
        {
            throw new CredentialsFileException(
                $"{key} = '{path}': holds a password but has mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}, " +
                $"so other users can read or change it. Expected mode 0600. Refusing to use it. Fix: chmod 600 {path}");
        }
    }

    private static IEnumerable<string> Missing(string? tenant, string? user, string? password)
    {
        if (string.IsNullOrEmpty(tenant))
        {
            yield return "tenant";
        }

        if (string.IsNullOrEmpty(user))
        {
            yield return "user";
        }

        if (string.IsNullOrEmpty(password))
        {
            yield return "password";
        }
    }
}

/// <summary>A credentials, password or certificate file cannot be used; the message says why and how to fix it.</summary>
internal sealed class CredentialsFileException : Exception
{
    public CredentialsFileException(string message)
        : base(message)
    {
    }

    public CredentialsFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
