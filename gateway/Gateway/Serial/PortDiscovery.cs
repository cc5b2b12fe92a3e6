namespace Gateway.Serial;

/// <summary>
/// Finds serial ports by patterns such as <c>/dev/serial/by-id/*</c>: each device once (symlinks resolved),
/// named by the first pattern that finds it, so a board appears under its stable by-id name when there is one.
/// </summary>
public static class PortDiscovery
{
    /// <summary>The ports found now, as (path to open, resolved device node).</summary>
    public static IReadOnlyList<(string Path, string Device)> Scan(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var found = new List<(string, string)>();
        var devices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var directory = Path.GetDirectoryName(pattern);
            var name = Path.GetFileName(pattern);
            if (directory is null || !Directory.Exists(directory))
            {
                continue;
            }

            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(directory, name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var device = Resolve(entry);
                if (device is not null && devices.Add(device))
                {
                    found.Add((entry, device));
                }
            }
        }

        return found;
    }

    private static string? Resolve(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? target.FullName : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
