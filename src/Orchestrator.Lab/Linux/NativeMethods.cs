using System.Runtime.InteropServices;

namespace Orchestrator.Lab.Linux;

internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chmod(string path, uint mode);

    internal const int SigKill = 9;
    internal const int SigTerm = 15;

    /// <summary>chmod with an octal mode such as "0600" (File.SetUnixFileMode would need a platform annotation on every caller).</summary>
    public static void ChmodOrThrow(string path, string octalMode)
    {
        if (Chmod(path, Convert.ToUInt32(octalMode, 8)) != 0)
        {
            throw new LabException($"chmod {octalMode} {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    public static void ChownOrThrow(string path, int owner, int group)
    {
        if (Chown(path, owner, group) != 0)
        {
            throw new LabException($"chown {owner}:{group} {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }
}
