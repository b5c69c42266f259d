using System.Collections;
using System.Globalization;

namespace Orchestrator.Engine.Templating;

/// <summary>How template functions read their arguments: as text, a number, a list or a mapping, Jinja-style.</summary>
internal static class FunctionArguments
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    public static string Text(object? v) => PlainData.ToText(PlainData.Normalize(v));

    public static bool Bool(object? v) => PlainData.IsTruthy(v);

    public static object ToInt(object? v, object? fallback)
    {
        switch (v)
        {
            case long or int:
                return Convert.ToInt64(v, CultureInfo.InvariantCulture);
            case double d:
                return (long)Math.Truncate(d);
            case bool b:
                return b ? 1L : 0L;
            case string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                return l;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d2):
                return (long)Math.Truncate(d2);
            default:
                return PlainData.Normalize(fallback) ?? 0L;
        }
    }

    public static object ToFloat(object? v, object? fallback) => v switch
    {
        long or int or double => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => PlainData.Normalize(fallback) ?? 0.0,
    };

    public static List<object?> List(object? v) => v switch
    {
        null => [],
        string s => [s],
        IDictionary<string, object?> d => d.Keys.Select(k => (object?)k).ToList(),
        IEnumerable e => e.Cast<object?>().ToList(),
        _ => throw new TemplateEvaluationException($"expected a list but got {PlainData.TypeName(v)}"),
    };

    public static Dictionary<string, object?> Dict(object? v) =>
        PlainData.Normalize(v) as Dictionary<string, object?>
        ?? throw new TemplateEvaluationException($"expected a mapping but got {PlainData.TypeName(PlainData.Normalize(v))}");

    /// <summary>Jinja equality: 1 == 1.0, and lists and mappings compare by value.</summary>
    public static bool Same(object? a, object? b)
    {
        a = PlainData.Normalize(a);
        b = PlainData.Normalize(b);
        if (a is long la && b is double db)
        {
            return la == db;
        }

        if (a is double da && b is long lb)
        {
            return da == lb;
        }

        return PlainData.ToJson(a) == PlainData.ToJson(b);
    }
}
