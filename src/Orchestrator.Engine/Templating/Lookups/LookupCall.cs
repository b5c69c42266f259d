using System.Globalization;

namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>One run of a lookup: its terms, its options (keyword arguments), the variables and the controller.</summary>
internal sealed class LookupCall(string name, IReadOnlyList<object?> terms, IReadOnlyDictionary<string, object?> options, ILookupScope scope, LookupHost host)
{
    public string Name => name;

    public IReadOnlyList<object?> Terms => terms;

    public IReadOnlyDictionary<string, object?> Options => options;

    public ILookupScope Scope => scope;

    public LookupHost Host => host;

    public object? Option(string key, object? fallback) => options.TryGetValue(key, out var v) ? v : fallback;

    public bool BoolOption(string key, bool fallback) => Option(key, fallback) switch
    {
        bool b => b,
        string s => s.Trim().ToLowerInvariant() is "yes" or "on" or "1" or "true" or "y" or "t",
        long l => l != 0,
        _ => fallback,
    };

    /// <summary>Each term as text; a term that is not a string is an error naming the lookup.</summary>
    public IEnumerable<string> TextTerms() => terms.Select(t => t switch
    {
        string s => s,
        long or double or bool => Convert.ToString(t, CultureInfo.InvariantCulture)!,
        _ => throw Fail($"expects text terms, but got {PlainData.TypeName(t)}"),
    });

    public LookupException Fail(string message) => new($"lookup '{name}': {message}");
}
