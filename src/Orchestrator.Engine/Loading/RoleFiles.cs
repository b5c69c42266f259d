using Orchestrator.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Finds a role's files as Ansible's <c>Role._load_role_yaml</c> does: <c>DIR/main.yml</c>, <c>main.yaml</c>,
/// <c>main.json</c> or <c>main</c> (with <c>tasks_from</c> and the like: the bare name first), and for vars and
/// defaults <c>main/</c> as a directory of files merged in lexical order.
/// </summary>
internal static class RoleFiles
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".json"];

    /// <summary>The files to read for <paramref name="subdirectory"/>, in merge order; empty when the role has none.</summary>
    /// <param name="from">A <c>tasks_from</c>-style name, or null for <c>main</c>.</param>
    /// <exception cref="UserInputException">A <c>*_from</c> file that does not exist.</exception>
    public static IReadOnlyList<string> Find(string rolePath, string subdirectory, string? from, bool allowDirectory, SourceLocation referencedFrom)
    {
        var dir = Path.Combine(rolePath, subdirectory);
        if (!Directory.Exists(dir))
        {
            return from is null ? [] : throw NotFound(rolePath, subdirectory, from, referencedFrom);
        }

        // Ansible: without *_from, "main" with an extension first and bare last; with it, the bare name first.
        var extensions = from is null ? [.. Extensions, string.Empty] : new[] { string.Empty }.Concat(Extensions).ToArray();
        var stem = Path.Combine(dir, from ?? "main");
        foreach (var ext in extensions)
        {
            var candidate = stem + ext;
            if (Directory.Exists(candidate))
            {
                if (allowDirectory)
                {
                    return FilesIn(candidate);
                }

                continue;
            }

            if (File.Exists(candidate))
            {
                return [candidate];
            }
        }

        return from is null ? [] : throw NotFound(rolePath, subdirectory, from, referencedFrom);
    }

    /// <summary>A vars or defaults directory: every mapping merged, a later file winning.</summary>
    public static Dictionary<string, object?> LoadVars(IEnumerable<string> files, SourceLocation referencedFrom, Core.Vault.VaultDecryptor? vault)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var root = YamlData.LoadFile(file, referencedFrom, "a role vars file", vault);
            if (root is null || (root is YamlScalarNode s && string.IsNullOrEmpty(s.Value)))
            {
                continue;
            }

            if (YamlData.ToPlain(root, file, vault) is not Dictionary<string, object?> values)
            {
                throw new UserInputException($"a role vars file must be a mapping of variable names to values, but found {YamlData.Kind(root)}", YamlData.At(file, root));
            }

            foreach (var (k, v) in values)
            {
                merged[k] = v;
            }
        }

        return merged;
    }

    private static List<string> FilesIn(string directory)
    {
        var found = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || name.EndsWith('~'))
            {
                continue;
            }

            var ext = Path.GetExtension(name);
            if (Directory.Exists(entry) && ext.Length == 0)
            {
                found.AddRange(FilesIn(entry));
            }
            else if (File.Exists(entry) && (ext.Length == 0 || Extensions.Contains(ext, StringComparer.Ordinal)))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    private static UserInputException NotFound(string rolePath, string subdirectory, string from, SourceLocation at) =>
        new($"could not find '{subdirectory}/{from}' in role {rolePath} (looked for {from}, {string.Join(", ", Extensions.Select(e => from + e))} in {Path.Combine(rolePath, subdirectory)})", at);
}
