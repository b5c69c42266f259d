using Scriban.Runtime;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// The filters (<c>x | name(args)</c>), tests (<c>x is name</c>), string/dict methods (<c>s.split(',')</c>)
/// and global functions available in expressions, gathered from their families. Documented in
/// docs/playbooks.md ("Templating").
/// </summary>
internal static class TemplateFunctions
{
    private static readonly TemplateFunctionSet All = Build();

    public static IReadOnlyCollection<string> Filters => All.Filters;

    public static IReadOnlyCollection<string> Tests => All.Tests;

    /// <summary>The method names the translator lets through after a '.' (<c>s.split(',')</c>).</summary>
    public static IReadOnlySet<string> Methods { get; } = new HashSet<string>(All.Methods, StringComparer.Ordinal);

    public static IReadOnlySet<string> Globals { get; } = new HashSet<string>(All.Globals, StringComparer.Ordinal);

    /// <summary>The read-only Scriban object holding every function under its translated name (f_, t_, m_, g_).</summary>
    public static ScriptObject CreateScriptObject() => All.CreateScriptObject();

    private static TemplateFunctionSet Build()
    {
        var set = new TemplateFunctionSet();
        ConversionFunctions.Register(set);
        StringFunctions.Register(set);
        CollectionFunctions.Register(set);
        TestFunctions.Register(set);
        return set;
    }
}
