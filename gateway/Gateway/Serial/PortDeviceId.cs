using System.Text;

namespace Gateway.Serial;

/// <summary>
/// The device id of a board known only by its port: <c>port-</c> and the port's file name, which for
/// <c>/dev/serial/by-id/…</c> carries the USB adapter's serial number and so is stable across USB sockets.
/// </summary>
public static class PortDeviceId
{
    /// <summary>The id for <paramref name="path"/>: letters, digits, '-' and '_', at most 64 characters.</summary>
    public static string For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = System.IO.Path.GetFileName(path);
        var builder = new StringBuilder("port-", 64);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        var id = builder.ToString();
        if (id.Length <= 64)
        {
            return id;
        }

        // Keep the end, which holds the adapter's serial number, and a hash of the whole name.
        var hash = (uint)StableHash(name);
        return $"port-{hash:x8}-{id[^50..]}";
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
