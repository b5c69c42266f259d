using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>
/// The lookups that read the controller's files: <c>file</c>, <c>template</c>, <c>first_found</c>, <c>fileglob</c>.
/// Files are found by the same search as <c>copy</c>/<c>template</c> (the task's role, then the playbook).
/// </summary>
internal static class FileLookups
{
    public static List<object?> File(LookupCall call)
    {
        var result = new List<object?>();
        foreach (var term in call.TextTerms())
        {
            var contents = Read(call, Find(call, term, "files"));
            contents = call.BoolOption("lstrip", false) ? contents.TrimStart() : contents;
            contents = call.BoolOption("rstrip", true) ? contents.TrimEnd() : contents;
            result.Add(contents);
        }

        return result;
    }

    /// <summary><c>template</c>: the file from templates/ rendered with the calling template's variables.</summary>
    public static List<object?> Template(LookupCall call) =>
        call.TextTerms().Select(term =>
        {
            var path = Find(call, term, "templates");
            return (object?)call.Scope.RenderFile(Read(call, path), path);
        }).ToList();

    /// <summary><c>first_found</c>: the path of the first file found among the candidates (files, optionally under paths).</summary>
    public static List<object?> FirstFound(LookupCall call)
    {
        var (candidates, skip) = Candidates(call, call.Terms);
        foreach (var candidate in candidates)
        {
            try
            {
                return [call.Host.ResolveLocalPath(candidate, "files")];
            }
            catch (Exception ex) when (ex is UserInputException or FileNotFoundException)
            {
                // Not there: try the next one.
            }
        }

        return skip ? [] : throw call.Fail($"no file was found when using first_found (tried {string.Join(", ", candidates)} under {string.Join(", ", call.Host.SearchDirectories("files"))})");
    }

    /// <summary><c>fileglob</c>: the files matching the pattern in the first search directory that has any (sorted, unlike Ansible's listing order).</summary>
    public static List<object?> Fileglob(LookupCall call)
    {
        var result = new List<object?>();
        foreach (var term in call.TextTerms())
        {
            var directories = Path.IsPathRooted(term) ? [Path.GetDirectoryName(term) ?? "/"] : call.Host.SearchDirectories("files");
            var relative = Path.IsPathRooted(term) ? Path.GetFileName(term) : term;
            foreach (var directory in directories)
            {
                var folder = Path.Combine(directory, Path.GetDirectoryName(relative) ?? string.Empty);
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                var matches = Directory.EnumerateFiles(folder, Path.GetFileName(relative), new EnumerationOptions { MatchType = MatchType.Win32, MatchCasing = MatchCasing.CaseSensitive, IgnoreInaccessible = true })
                    .Order(StringComparer.Ordinal)
                    .Select(p => (object?)p)
                    .ToList();
                if (matches.Count > 0)
                {
                    result.AddRange(matches);
                    break;
                }
            }
        }

        return result;
    }

    private static string Find(LookupCall call, string term, string subdirectory)
    {
        try
        {
            return call.Host.ResolveLocalPath(term, subdirectory);
        }
        catch (Exception ex) when (ex is UserInputException or FileNotFoundException)
        {
            throw call.Fail($"could not find '{term}': {ex.Message}");
        }
    }

    private static string Read(LookupCall call, string path)
    {
        try
        {
            return System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw call.Fail($"cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>first_found's candidate names: terms (strings, lists, or mappings with files/paths/skip) and the call's own options.</summary>
    private static (List<string> Candidates, bool Skip) Candidates(LookupCall call, IEnumerable<object?> terms)
    {
        var candidates = new List<string>();
        var skip = call.BoolOption("skip", false);
        foreach (var term in terms)
        {
            var options = term as IDictionary<string, object?>;
            switch (term)
            {
                case List<object?> nested:
                    var (inner, innerSkip) = Candidates(call, nested);
                    candidates.AddRange(inner);
                    skip |= innerSkip;
                    continue;
                case string or IDictionary<string, object?>:
                    break;
                default:
                    throw call.Fail($"Invalid term supplied, can handle string, mapping or list of strings but got: {PlainData.TypeName(term)}");
            }

            var files = Split(Get(options, "files") ?? call.Option("files", null), ",;");
            var paths = Split(Get(options, "paths") ?? call.Option("paths", null), ",:;");
            if (Get(options, "skip") is { } s)
            {
                skip = s is true || (s is string t && t.Trim().ToLowerInvariant() is "yes" or "true" or "on" or "1");
            }

            if (paths.Count > 0)
            {
                candidates.AddRange(paths.SelectMany(p => files.Select(f => Path.Combine(p, f))));
            }
            else if (files.Count > 0)
            {
                candidates = files;
            }
            else if (term is string name)
            {
                candidates.Add(name);
            }
        }

        return (candidates, skip);
    }

    private static object? Get(IDictionary<string, object?>? options, string key) =>
        options is not null && options.TryGetValue(key, out var value) ? value : null;

    private static List<string> Split(object? value, string separators) => value switch
    {
        null => [],
        string s => s.Split(separators.ToCharArray(), StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
        List<object?> list => list.SelectMany(v => Split(v, separators)).ToList(),
        _ => [PlainData.ToText(value)],
    };
}
