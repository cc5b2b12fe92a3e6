namespace Gateway.Tests.Infrastructure;

/// <summary>A fresh directory under /tmp, deleted on dispose. Short paths: pty symlinks and sockets live here.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "gwt")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
