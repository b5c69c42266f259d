using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// include_vars <c>dir</c>: the files of a directory tree, read as ansible-core 2.14 reads them. Directories are
/// walked and sorted by path; <c>depth</c> keeps only the first N of them in that order (Ansible counts directories
/// visited, not levels); files are sorted by name, filtered by <c>files_matching</c> (a regex searched in the name)
/// and <c>ignore_files</c> (regexes matched at the end of the name); a file whose extension is not in
/// <c>extensions</c> fails the task unless <c>ignore_unknown_extensions</c>. Later files override earlier ones.
/// </summary>
internal sealed class IncludeVarsDirectory(ModuleContext context, string directory)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public Dictionary<string, object?> Read(List<object?> included)
    {
        var args = context.Arguments;
        if (!Path.Exists(directory))
        {
            throw context.Error($"{directory} directory does not exist");
        }

        if (!Directory.Exists(directory))
        {
            throw context.Error($"{directory} is not a directory");
        }

        var depth = args.GetInteger("depth") ?? 0;
        var matching = args.GetString("files_matching") is { } pattern ? Compile(pattern, "files_matching") : null;
        var ignored = IgnorePatterns();
        var extensions = (args.GetList("extensions") ?? ["yaml", "yml", "json"]).Select(e => e?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
        var skipUnknown = args.GetBool("ignore_unknown_extensions");

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var roots = Walk(directory).Order(StringComparer.Ordinal).ToList();
        if (depth > 0)
        {
            roots = roots.Take((int)Math.Min(depth, int.MaxValue)).ToList();
        }

        foreach (var root in roots)
        {
            foreach (var name in Directory.EnumerateFiles(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
            {
                if ((matching is not null && !matching.IsMatch(name)) || ignored.Any(r => r.IsMatch(name)))
                {
                    continue;
                }

                var full = Path.Combine(root, name);
                if (!extensions.Contains(PythonExtension(name)))
                {
                    if (skipUnknown)
                    {
                        continue;
                    }

                    throw context.Error($"{full} does not have a valid extension: {string.Join(", ", extensions)}");
                }

                foreach (var (k, v) in IncludeVarsModule.ReadFile(full, args.Location, context.Vault))
                {
                    values[k] = v;
                }

                included.Add(full);
            }
        }

        return values;
    }

    // os.walk: the directory and every directory below it (symbolic links to directories are not followed).
    private static IEnumerable<string> Walk(string root)
    {
        yield return root;
        foreach (var sub in Directory.EnumerateDirectories(root))
        {
            if (new DirectoryInfo(sub).LinkTarget is not null)
            {
                continue;
            }

            foreach (var nested in Walk(sub))
            {
                yield return nested;
            }
        }
    }

    // os.path.splitext without the dot: leading dots do not start an extension (".hidden" has none).
    private static string PythonExtension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || name[..dot].All(c => c == '.') ? string.Empty : name[(dot + 1)..];
    }

    private List<Regex> IgnorePatterns()
    {
        var patterns = context.Arguments.Get("ignore_files") switch
        {
            null => [],
            string text => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
            List<object?> list => list.Select(p => p?.ToString() ?? "").ToArray(),
            _ => throw context.Error("ignore_files must be a list of regular expressions (or one string of them separated by spaces)"),
        };
        return patterns.Select(p => Compile(p + "$", "ignore_files")).ToList();
    }

    private Regex Compile(string pattern, string argument)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw context.Error($"{argument}: invalid regular expression '{pattern}': {ex.Message}");
        }
    }
}
