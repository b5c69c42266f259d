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
internal sealed class VarsFiles(Action<string> warn)
{
    private static readonly string[] Candidates = ["", ".yml", ".yaml", ".json"];
    private readonly Dictionary<string, HashSet<string>?> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Dictionary<string, object?>>> _found = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, object?>?> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warnedNotDirectory = new(StringComparer.Ordinal);

    /// <summary>The directory whose group_vars/host_vars apply to a source: the source itself or its folder.</summary>
    public static string BaseDirectory(string source) =>
        Directory.Exists(source) ? source : Path.GetDirectoryName(source) ?? "";

    /// <summary>The variable files for one host or group under one base directory, in merge order.</summary>
    public IReadOnlyList<Dictionary<string, object?>> For(string baseDirectory, string subdirectory, string name)
    {
        if (name.StartsWith('/'))
        {
            return [];
        }

        var dir = Path.Combine(baseDirectory, subdirectory);
        var key = name + "\0" + dir;
        if (_found.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = new List<Dictionary<string, object?>>();
        var listing = Listing(dir);
        if (listing is not null)
        {
            foreach (var ext in Candidates)
            {
                var candidate = name + ext;
                var exists = name.Contains('/', StringComparison.Ordinal) ? Path.Exists(Path.Combine(dir, candidate)) : listing.Contains(candidate);
                if (!exists)
                {
                    continue;
                }

                var full = Path.Combine(dir, candidate);
                if (Directory.Exists(full))
                {
                    foreach (var file in DirectoryFiles(full))
                    {
                        AddFile(result, file);
                    }
                }
                else
                {
                    AddFile(result, full);
                }

                break;
            }
        }

        _found[key] = result;
        return result;
    }

    private HashSet<string>? Listing(string dir)
    {
        if (_listings.TryGetValue(dir, out var listing))
        {
            return listing;
        }

        if (Directory.Exists(dir))
        {
            listing = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            if (File.Exists(dir) && _warnedNotDirectory.Add(dir))
            {
                warn($"Found {Path.GetFileName(dir)} that is not a directory, skipping: {dir}");
            }

            listing = null;
        }

        _listings[dir] = listing;
        return listing;
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
        var text = SourceText.Read(path);
        if (text.StartsWith("$ANSIBLE_VAULT", StringComparison.Ordinal))
        {
            throw new UserInputException(
                "found an Ansible Vault encrypted file; expected plain YAML or JSON variables (Orchestrator cannot decrypt Ansible Vault yet)",
                new SourceLocation(path, 1, 1));
        }

        var root = YamlDocumentReader.Read(text, path);
        if (root is null)
        {
            return null;
        }

        var value = new YamlConstructor(path, warn).ToPlain(root);
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
