using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Parsing;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory.Vars;

/// <summary>
/// Ansible's host_group_vars plugin: <c>group_vars/NAME</c> and <c>host_vars/NAME</c> next to each inventory
/// source, where NAME is a file (no extension, .yml, .yaml or .json; the first that exists wins) or a
/// directory whose files are read recursively in sorted order. Files are read once and only for hosts
/// and groups that exist, as Ansible does.
/// </summary>
internal sealed class VarsFiles(Action<string> warn, InventoryVault? vault = null)
{
    private static readonly string[] Candidates = ["", ".yml", ".yaml", ".json"];
    private readonly Dictionary<string, DirectoryIndex?> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Directory, string Name), IReadOnlyList<Dictionary<string, object?>>> _found = [];
    private readonly Dictionary<string, Dictionary<string, object?>?> _files = new(StringComparer.Ordinal);

    /// <summary>The directory whose group_vars/host_vars apply to a source: the source itself or its folder.</summary>
    public static string BaseDirectory(string source) =>
        Directory.Exists(source) ? source : Path.GetDirectoryName(source) ?? "";

    /// <summary>
    /// The variable files for one host or group in <paramref name="varsDirectory"/> (a group_vars or host_vars
    /// directory), in merge order.
    /// </summary>
    public IReadOnlyList<Dictionary<string, object?>> For(string varsDirectory, string name, bool remember = true)
    {
        if (name.StartsWith('/'))
        {
            return [];
        }

        if (remember && _found.TryGetValue((varsDirectory, name), out var cached))
        {
            return cached;
        }

        IReadOnlyList<Dictionary<string, object?>> result = [];
        var index = Index(varsDirectory);
        string? entry = null;
        if (index is not null)
        {
            if (name.Contains('/', StringComparison.Ordinal))
            {
                entry = Candidates.Select(ext => name + ext).FirstOrDefault(c => Path.Exists(Path.Combine(varsDirectory, c)));
            }
            else
            {
                index.FirstCandidate.TryGetValue(name, out entry);
            }
        }

        if (entry is not null)
        {
            var list = new List<Dictionary<string, object?>>();
            var full = Path.Combine(varsDirectory, entry);
            if (Directory.Exists(full))
            {
                foreach (var file in DirectoryFiles(full))
                {
                    AddFile(list, file);
                }
            }
            else
            {
                AddFile(list, full);
            }

            result = list;
        }

        if (remember)
        {
            _found[(varsDirectory, name)] = result;
        }

        return result;
    }

    // One listing per directory; for every name, the entry Ansible's find_vars_files would pick first.
    private sealed class DirectoryIndex(Dictionary<string, string> firstCandidate)
    {
        public Dictionary<string, string> FirstCandidate { get; } = firstCandidate;
    }

    private DirectoryIndex? Index(string dir)
    {
        if (_indexes.TryGetValue(dir, out var index))
        {
            return index;
        }

        if (Directory.Exists(dir))
        {
            var best = new Dictionary<string, (string Entry, int Rank)>(StringComparer.Ordinal);
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>())
            {
                for (var rank = 0; rank < Candidates.Length; rank++)
                {
                    var ext = Candidates[rank];
                    if (!entry.EndsWith(ext, StringComparison.Ordinal) || entry.Length == ext.Length)
                    {
                        continue;
                    }

                    var stem = entry[..^ext.Length];
                    if (!best.TryGetValue(stem, out var current) || rank < current.Rank)
                    {
                        best[stem] = (entry, rank);
                    }
                }
            }

            index = new DirectoryIndex(best.ToDictionary(kv => kv.Key, kv => kv.Value.Entry, StringComparer.Ordinal));
        }
        else
        {
            if (File.Exists(dir))
            {
                warn($"Found {Path.GetFileName(dir)} that is not a directory, skipping: {dir}");
            }

            index = null;
        }

        _indexes[dir] = index;
        return index;
    }

    // DataLoader._get_dir_vars_files: sorted, recursive into directories without an extension,
    // files with no extension or a YAML/JSON one, hidden and backup (~) entries skipped.
    private static IEnumerable<string> DirectoryFiles(string path)
    {
        var names = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().Order(PyStringComparer.Instance);
        foreach (var name in names)
        {
            if (name.StartsWith('.') || name.EndsWith('~'))
            {
                continue;
            }

            var full = Path.Combine(path, name);
            var ext = SourceText.Extension(name);
            if (Directory.Exists(full))
            {
                if (ext.Length == 0)
                {
                    foreach (var nested in DirectoryFiles(full))
                    {
                        yield return nested;
                    }
                }
            }
            else if (ext.Length == 0 || ext is ".yml" or ".yaml" or ".json")
            {
                yield return full;
            }
        }
    }

    private void AddFile(List<Dictionary<string, object?>> result, string path)
    {
        if (!_files.TryGetValue(path, out var data))
        {
            data = LoadFile(path);
            _files[path] = data;
        }

        if (data is not null)
        {
            result.Add(data);
        }
    }

    private Dictionary<string, object?>? LoadFile(string path)
    {
        var raw = SourceText.Read(path);
        var vaultOrNone = vault ?? InventoryVault.None;
        var text = vaultOrNone.FileText(raw, path);
        var root = YamlDocumentReader.Read(text, path);
        if (root is null)
        {
            return null;
        }

        var value = new YamlConstructor(path, warn, vault).ToPlain(root);
        vaultOrNone.RegisterIfEncrypted(raw, value);
        switch (value)
        {
            case Dictionary<string, object?> map:
                return map.Count == 0 ? null : map;
            case null or false or "" or 0L or 0.0:
                return null;
            case System.Collections.ICollection { Count: 0 }:
                return null;
            default:
                throw new UserInputException(
                    $"found a {(value is System.Collections.IList ? "list" : "scalar " + PyData.Repr(value))} at the top of a variables file; expected a mapping of variable names to values",
                    new SourceLocation(path, root.Line, root.Column));
        }
    }
}
