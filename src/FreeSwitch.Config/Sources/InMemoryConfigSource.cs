using System.Formats.Tar;
using System.Text;

namespace FreeSwitch.Config.Sources;

/// <summary>
/// Files held in memory, keyed by host path: for unit tests, and for a host's tree downloaded as a tar.
/// </summary>
public sealed class InMemoryConfigSource : IConfigFileSource
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "/" };
    private readonly Dictionary<string, DateTimeOffset> _modified = new(StringComparer.Ordinal);

    /// <summary>
    /// Modification times of the files read from a tar, by host path (a POSIX/pax tar, as <c>tar --format=posix</c>
    /// writes it, keeps the sub-second part).
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Modified => _modified;

    /// <summary>Adds (or replaces) a file; its parent directories come into existence.</summary>
    public InMemoryConfigSource Add(string hostPath, string text)
    {
        var path = ConfigPath.Normalize(hostPath);
        _files[path] = text;
        for (var dir = ConfigPath.GetDirectory(path); dir != "/"; dir = ConfigPath.GetDirectory(dir))
        {
            _directories.Add(dir);
        }

        return this;
    }

    /// <summary>Adds an empty directory (an include of <c>dir/*.xml</c> then matches nothing).</summary>
    public InMemoryConfigSource AddDirectory(string hostPath)
    {
        for (var dir = ConfigPath.Normalize(hostPath); dir != "/"; dir = ConfigPath.GetDirectory(dir))
        {
            _directories.Add(dir);
        }

        return this;
    }

    /// <summary>Removes a file.</summary>
    public bool Remove(string hostPath) => _files.Remove(ConfigPath.Normalize(hostPath));

    /// <summary>
    /// Reads a tar stream (for example <c>tar -C / -cf - etc/freeswitch</c> over SSH). Entry names are taken
    /// relative to <paramref name="hostRoot"/>: an entry <c>etc/freeswitch/vars.xml</c> becomes <c>/etc/freeswitch/vars.xml</c>.
    /// </summary>
    public static InMemoryConfigSource FromTar(Stream tar, string hostRoot = "/")
    {
        var source = new InMemoryConfigSource();
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            var path = ConfigPath.Combine(hostRoot, entry.Name);
            if (entry.EntryType == TarEntryType.Directory)
            {
                source.AddDirectory(path);
            }
            else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var text = new StreamReader(data, Encoding.UTF8);
                source.Add(path, text.ReadToEnd());
                source._modified[ConfigPath.Normalize(path)] = entry.ModificationTime;
            }
        }

        return source;
    }

    public bool FileExists(string path) => _files.ContainsKey(ConfigPath.Normalize(path));

    public bool DirectoryExists(string path) => _directories.Contains(ConfigPath.Normalize(path));

    public string ReadAllText(string path) =>
        _files.TryGetValue(ConfigPath.Normalize(path), out var text) ? text : throw new FileNotFoundException($"{path} does not exist", path);

    public IReadOnlyList<ConfigDirectoryEntry> ListDirectory(string path)
    {
        var dir = ConfigPath.Normalize(path);
        if (!_directories.Contains(dir))
        {
            return [];
        }

        var prefix = dir == "/" ? "/" : dir + "/";
        var entries = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var file in _files.Keys)
        {
            if (file.StartsWith(prefix, StringComparison.Ordinal) && !file[prefix.Length..].Contains('/'))
            {
                entries[file[prefix.Length..]] = false;
            }
        }

        foreach (var sub in _directories)
        {
            if (sub.Length > prefix.Length && sub.StartsWith(prefix, StringComparison.Ordinal) && !sub[prefix.Length..].Contains('/'))
            {
                entries[sub[prefix.Length..]] = true;
            }
        }

        return [.. entries.Select(e => new ConfigDirectoryEntry(e.Key, e.Value))];
    }
}
