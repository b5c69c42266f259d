namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>
/// The lookups by name, run from <c>lookup()</c>/<c>query()</c> in templates and from <c>with_NAME</c> loops, with
/// Ansible's rules: <c>lookup()</c> joins text results with ',' (unless <c>wantlist=True</c>), <c>query()</c> always
/// gives a list, <c>errors=ignore|warn|strict</c> decides what a failing lookup does.
/// </summary>
internal static class LookupPlugins
{
    private static readonly Dictionary<string, (Func<LookupCall, List<object?>> Run, string[] Options)> All = new(StringComparer.Ordinal)
    {
        ["items"] = (DataLookups.Items, []),
        ["list"] = (DataLookups.List, []),
        ["indexed_items"] = (DataLookups.IndexedItems, []),
        ["dict"] = (DataLookups.Dict, []),
        ["together"] = (DataLookups.Together, []),
        ["nested"] = (DataLookups.Nested, []),
        ["subelements"] = (DataLookups.Subelements, []),
        ["sequence"] = (SequenceLookup.Run, []),
        ["file"] = (FileLookups.File, ["rstrip", "lstrip"]),
        ["template"] = (FileLookups.Template, ["convert_data"]),
        ["first_found"] = (FileLookups.FirstFound, ["files", "paths", "skip"]),
        ["fileglob"] = (FileLookups.Fileglob, []),
        ["env"] = (ControllerLookups.Env, ["default"]),
        ["pipe"] = (ControllerLookups.Pipe, []),
        ["vars"] = (ControllerLookups.Vars, ["default"]),
    };

    public static IEnumerable<string> Names => All.Keys.Order(StringComparer.Ordinal);

    public static bool Exists(string name) => All.ContainsKey(name);

    /// <summary>Runs a lookup on terms already rendered (a <c>with_NAME</c> loop); failures throw <see cref="LookupException"/>.</summary>
    public static List<object?> Run(string name, IReadOnlyList<object?> terms, IReadOnlyDictionary<string, object?> options, ILookupScope scope, LookupHost host)
    {
        if (!All.TryGetValue(name, out var plugin))
        {
            throw new LookupException($"lookup plugin '{name}' not found; available: {string.Join(", ", Names)}");
        }

        if (options.Keys.FirstOrDefault(k => !plugin.Options.Contains(k)) is { } unknown)
        {
            throw new TemplateEvaluationException(
                $"lookup '{name}' has no option '{unknown}'{(plugin.Options.Length == 0 ? string.Empty : $"; options: {string.Join(", ", plugin.Options)}")}");
        }

        return plugin.Run(new LookupCall(name, terms, options, scope, host));
    }

    /// <summary><c>lookup(name, terms..., wantlist=, errors=, options...)</c>, or <c>query(...)</c> when <paramref name="query"/>.</summary>
    public static object? Call(object?[] args, ILookupScope scope, bool query)
    {
        var function = query ? "query" : "lookup";
        if (args.Length == 0 || args[0] is not string name)
        {
            throw new TemplateEvaluationException($"{function}() needs the lookup's name first, such as {function}('file', 'motd.txt')");
        }

        var terms = new List<object?>();
        var options = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var arg in args.Skip(1))
        {
            if (arg is KeywordArgument kw)
            {
                options[kw.Name] = PlainData.Normalize(kw.Value);
            }
            else
            {
                // Scriban's arrays and objects become plain lists and mappings (undefined values throw).
                terms.Add(PlainData.Normalize(arg));
            }
        }

        var wantList = query | (options.Remove("wantlist", out var w) && PlainData.IsTruthy(w));
        var errors = options.Remove("errors", out var e) ? PlainData.ToText(e) : "strict";
        if (errors is not ("strict" or "warn" or "ignore"))
        {
            throw new TemplateEvaluationException($"{function}('{name}'): errors must be strict, warn or ignore, not '{errors}'");
        }

        if (!All.ContainsKey(name))
        {
            throw new TemplateEvaluationException($"{function}: lookup plugin '{name}' not found; available: {string.Join(", ", Names)}");
        }

        var host = LookupHost.Current;
        List<object?> ran;
        try
        {
            ran = Run(name, terms, options, scope, host);
        }
        catch (LookupException ex) when (errors != "strict")
        {
            if (errors == "warn")
            {
                host.Warn($"Lookup failed but the error is being ignored: {ex.Message}");
            }

            return wantList ? new List<object?>() : null;
        }
        catch (LookupException ex)
        {
            throw new TemplateEvaluationException(ex.Message);
        }

        if (wantList || ran.Count == 0)
        {
            return ran;
        }

        return ran.All(r => r is string) ? string.Join(",", ran.Cast<string>()) : ran.Count == 1 ? ran[0] : ran;
    }
}
