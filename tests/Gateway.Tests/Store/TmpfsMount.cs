using System.Diagnostics;

namespace Gateway.Tests.Store;

/// <summary>A small real file system (tmpfs) mounted for one test, so that a full disk is real; unmounted at the end.</summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. <c>4m</c>); null, with the reason, when this machine does not allow it.</summary>
    public static TmpfsMount? TryMount(string size, out string reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "tmpfs needs Linux";
            return null;
        }

        var path = Directory.CreateTempSubdirectory("outbox-tmpfs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            reason = $"cannot mount a tmpfs (needs root): mount exited with {code}: {output.Trim()}";
            return null;
        }

        reason = string.Empty;
        return new TmpfsMount(path);
    }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
        {
            Run("umount", "-l", Path);
        }

        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
