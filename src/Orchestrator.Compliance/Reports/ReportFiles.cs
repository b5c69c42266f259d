using System.Security.Cryptography;

namespace Orchestrator.Compliance.Reports;

/// <summary>
/// Writes a report file atomically and privately: a new file (O_EXCL, mode 0600) under an unpredictable name in the
/// target's directory, then renamed over the target. A symlink planted at the target is replaced, never written
/// through; one planted at a temp name makes the create fail instead of being followed. A reader never sees half a report.
/// </summary>
internal static class ReportFiles
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.tmp");
        var created = false;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = Mode;
            }

            using (var stream = new FileStream(temp, options))
            {
                created = true;
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            created = false;
        }
        finally
        {
            // Only what this call created: a file someone else put at the temp name is not ours to delete.
            if (created)
            {
                File.Delete(temp);
            }
        }
    }
}
