namespace FreeSwitch.Config.Sources;

/// <summary>
/// Reads files from the local file system. A host path is mapped to a local path by replacing
/// <see cref="HostPrefix"/> with <see cref="LocalRoot"/>; paths outside the prefix do not exist.
/// With the defaults (<c>/</c> to <c>/</c>) host paths are local paths, which is what the simulator uses.
/// </summary>
public sealed class DirectoryConfigSource : IConfigFileSource
{
    public DirectoryConfigSource(string localRoot = "/", string hostPrefix = "/")
    {
        LocalRoot = Path.GetFullPath(localRoot);
        HostPrefix = ConfigPath.Normalize(hostPrefix);
    }

    /// <summary>A source for a copy of a host's conf dir: <paramref name="localConfDir"/> stands for <paramref name="hostConfDir"/>.</summary>
    public static DirectoryConfigSource ForConfDir(string localConfDir, string hostConfDir = "/etc/freeswitch") =>
        new(localConfDir, hostConfDir);

    public string LocalRoot { get; }

    public string HostPrefix { get; }

    public bool FileExists(string path) => ToLocal(path) is { } local && File.Exists(local);

    public bool DirectoryExists(string path) => ToLocal(path) is { } local && Directory.Exists(local);

    public string ReadAllText(string path)
    {
        var local = ToLocal(path) ?? throw new FileNotFoundException($"{path} is outside {HostPrefix}", path);
        if (new FileInfo(local).Length > ConfigReaderLimits.MaxFileBytes)
        {
            throw new FreeSwitchConfigException(
                $"found a file larger than {ConfigReaderLimits.MaxFileBytes / (1024 * 1024)} MiB; expected at most that (the reader's limit)",
                new ConfigLocation(path, 0, 0));
        }

        return File.ReadAllText(local);
    }

    public IReadOnlyList<ConfigDirectoryEntry> ListDirectory(string path)
    {
        if (ToLocal(path) is not { } local || !Directory.Exists(local))
        {
            return [];
        }

        var entries = new List<ConfigDirectoryEntry>();
        foreach (var entry in new DirectoryInfo(local).EnumerateFileSystemInfos())
        {
            entries.Add(new ConfigDirectoryEntry(entry.Name, entry is DirectoryInfo));
        }

        return entries;
    }

    private string? ToLocal(string hostPath)
    {
        var normalized = ConfigPath.Normalize(hostPath);
        if (HostPrefix == "/")
        {
            return Path.Join(LocalRoot, normalized);
        }

        if (normalized == HostPrefix)
        {
            return LocalRoot;
        }

        return normalized.StartsWith(HostPrefix + "/", StringComparison.Ordinal)
            ? Path.Join(LocalRoot, normalized[HostPrefix.Length..])
            : null;
    }
}
