using Scriban.Runtime;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// The filters, tests, methods and global functions by name; each family of functions registers itself here,
/// and Scriban gets them under their translated names (f_, t_, m_, g_).
/// </summary>
internal sealed class TemplateFunctionSet
{
    private readonly Dictionary<string, TemplateFunction> _filters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateFunction> _tests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateFunction> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateFunction> _globals = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Filters => _filters.Keys;

    public IReadOnlyCollection<string> Tests => _tests.Keys;

    public IReadOnlyCollection<string> Methods => _methods.Keys;

    public IReadOnlyCollection<string> Globals => _globals.Keys;

    /// <summary>A filter: the first argument is the value before the '|'. A lenient one may receive undefined values.</summary>
    public void Filter(string name, int min, int max, Func<object?[], object?> body, bool lenient = false) =>
        _filters[name] = new TemplateFunction(name, min, max, body, lenient);

    public void FilterAlias(string alias, string name) => _filters[alias] = _filters[name];

    /// <summary>A test, "x is name(args)": the first argument is x.</summary>
    public void Test(string name, int args, Func<object?[], bool> body) =>
        _tests[name] = new TemplateFunction(name, args, args, a => body(a), name is "defined" or "undefined");

    public void TestAlias(string alias, string name) => _tests[alias] = _tests[name];

    /// <summary>A method, "target.name(args)", on strings and mappings as in Python: the first argument is the target.</summary>
    public void Method(string name, int min, int max, Func<object?[], object?> body) =>
        _methods[name] = new TemplateFunction(name, min, max, body, false);

    public void Global(string name, int min, int max, Func<object?[], object?> body) =>
        _globals[name] = new TemplateFunction(name, min, max, body, false);

    /// <summary>A global function that takes keyword arguments and sees the evaluation's context (lookup, query).</summary>
    public void ContextGlobal(string name, int min, int max, Func<Scriban.TemplateContext?, object?[], object?> body) =>
        _globals[name] = new TemplateFunction(name, min, max, body, false, keywords: true);

    /// <summary>Applies a filter by name, for filters that take another filter's name (map).</summary>
    public object? ApplyFilter(string filter, object? value) =>
        _filters.TryGetValue(filter, out var f)
            ? f.Call([value])
            : throw new TemplateEvaluationException($"map: unknown filter '{filter}'");

    /// <summary>A read-only Scriban object holding every function under its translated name.</summary>
    public ScriptObject CreateScriptObject()
    {
        var so = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, f) in _filters)
        {
            so.SetValue("f_" + name, f, true);
        }

        foreach (var (name, f) in _tests)
        {
            so.SetValue("t_" + name, f, true);
        }

        foreach (var (name, f) in _methods)
        {
            so.SetValue("m_" + name, f, true);
        }

        foreach (var (name, f) in _globals)
        {
            so.SetValue("g_" + name, f, true);
        }

        return so;
    }
}
