namespace Gateway.Store;

/// <summary>Tells a full file system from other I/O failures.</summary>
internal static class DiskErrors
{
    private const int NoSpace = 28; // ENOSPC
    private const int QuotaExceeded = 122; // EDQUOT
    private const int HandleDiskFull = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int GenericIo = unchecked((int)0x80131620); // COR_E_IO: how a failed preallocation is reported

    /// <summary>
    /// Whether <paramref name="error"/> means no space: ENOSPC or EDQUOT from a write, or a failed preallocation
    /// (reported without an errno) while <paramref name="directory"/> has less free space than <paramref name="needed"/>.
    /// </summary>
    public static bool IsDiskFull(IOException error, string directory, long needed)
    {
        if (error.HResult is NoSpace or QuotaExceeded or HandleDiskFull)
        {
            return true;
        }

        return error.HResult == GenericIo && FreeSpace(directory) < needed;
    }

    /// <summary>Bytes available to the gateway on the file system of <paramref name="directory"/>; long.MaxValue when unknown.</summary>
    public static long FreeSpace(string directory)
    {
        try
        {
            return new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return long.MaxValue;
        }
    }
}
