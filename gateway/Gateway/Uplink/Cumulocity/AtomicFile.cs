namespace Gateway.Uplink.Cumulocity;

/// <summary>Replaces a small state file so that a crash leaves either the old or the new content: write, fsync, rename, fsync the directory.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (mode 0600).</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            Store.DirectorySync.Sync(directory);
        }
    }
}
