namespace FreeSwitch.Config.Sources;

/// <summary>
/// Where configuration files come from. Paths are the absolute POSIX paths the files have on the
/// FreeSWITCH host (for example <c>/etc/freeswitch/vars.xml</c>), whatever the source really reads:
/// the local file system, a directory holding a copy of a host's tree, or a tar held in memory.
/// </summary>
public interface IConfigFileSource
{
    /// <summary>True when <paramref name="path"/> names a regular file.</summary>
    bool FileExists(string path);

    /// <summary>True when <paramref name="path"/> names a directory.</summary>
    bool DirectoryExists(string path);

    /// <summary>The file's text (UTF-8). Throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    string ReadAllText(string path);

    /// <summary>The entries of a directory (names only, no path), or an empty list when it does not exist.</summary>
    IReadOnlyList<ConfigDirectoryEntry> ListDirectory(string path);
}
