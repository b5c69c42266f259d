using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Scriban.Runtime;
using static Orchestrator.Engine.Templating.FunctionArguments;

namespace Orchestrator.Engine.Templating;

/// <summary>The tests, "x is name(args)": types, definedness, regex, membership, task results, versions.</summary>
internal static class TestFunctions
{
    public static void Register(TemplateFunctionSet set)
    {
        set.Test("defined", 1, a => a[0] is not UndefinedValue);
        set.Test("undefined", 1, a => a[0] is UndefinedValue);
        set.Test("none", 1, a => a[0] is null);
        set.Test("string", 1, a => a[0] is string);
        set.Test("number", 1, a => a[0] is long or int or double or float or decimal);
        set.Test("integer", 1, a => a[0] is long or int);
        set.Test("float", 1, a => a[0] is double or float);
        set.Test("boolean", 1, a => a[0] is bool);
        set.Test("mapping", 1, a => a[0] is IDictionary or ScriptObject);
        set.Test("sequence", 1, a => a[0] is IEnumerable);
        set.Test("iterable", 1, a => a[0] is IEnumerable);
        set.Test("match", 2, a => new Regex("^(?:" + Text(a[1]) + ")", RegexOptions.None, RegexTimeout).IsMatch(Text(a[0])));
        set.Test("search", 2, a => new Regex(Text(a[1]), RegexOptions.None, RegexTimeout).IsMatch(Text(a[0])));
        set.TestAlias("regex", "search");
        set.Test("in", 2, a => Contains(a[1], a[0]));
        set.Test("contains", 2, a => Contains(a[0], a[1]));
        set.Test("equalto", 2, a => Same(a[0], a[1]));
        set.TestAlias("eq", "equalto");
        set.TestAlias("sameas", "equalto");
        set.Test("truthy", 1, a => PlainData.IsTruthy(a[0]));
        set.Test("falsy", 1, a => !PlainData.IsTruthy(a[0]));
        set.Test("even", 1, a => ToInt(a[0], 0L) is long l && l % 2 == 0);
        set.Test("odd", 1, a => ToInt(a[0], 0L) is long l && l % 2 != 0);
        set.Test("divisibleby", 2, a => ToInt(a[0], 0L) is long l && ToInt(a[1], 1L) is long m && m != 0 && l % m == 0);
        set.Test("succeeded", 1, a => !ResultFlag(a[0], "failed"));
        set.TestAlias("success", "succeeded");
        set.Test("failed", 1, a => ResultFlag(a[0], "failed"));
        set.TestAlias("failure", "failed");
        set.Test("changed", 1, a => ResultFlag(a[0], "changed"));
        set.TestAlias("change", "changed");
        set.Test("skipped", 1, a => ResultFlag(a[0], "skipped"));
        set.TestAlias("skip", "skipped");
        set.Test("subset", 2, a => List(a[0]).All(x => List(a[1]).Any(y => Same(x, y))));
        set.Test("superset", 2, a => List(a[1]).All(x => List(a[0]).Any(y => Same(x, y))));
        set.Test("version", 3, a => CompareVersions(Text(a[0]), Text(a[1]), Text(a[2])));
    }

    private static bool Contains(object? container, object? item) => container switch
    {
        string s => s.Contains(Text(item), StringComparison.Ordinal),
        IDictionary<string, object?> d => d.ContainsKey(Text(item)),
        IEnumerable e => e.Cast<object?>().Any(x => Same(x, item)),
        null => false,
        _ => throw new TemplateEvaluationException($"'in' needs a string, list or mapping on the right, not {PlainData.TypeName(container)}"),
    };

    private static bool ResultFlag(object? result, string flag) =>
        result is IDictionary<string, object?> d && d.TryGetValue(flag, out var v) && PlainData.IsTruthy(v);

    private static bool CompareVersions(string a, string b, string op)
    {
        static int[] Parts(string v) => Regex.Matches(v, @"\d+", RegexOptions.None, RegexTimeout).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        var pa = Parts(a);
        var pb = Parts(b);
        var cmp = 0;
        for (var i = 0; i < Math.Max(pa.Length, pb.Length) && cmp == 0; i++)
        {
            cmp = (i < pa.Length ? pa[i] : 0).CompareTo(i < pb.Length ? pb[i] : 0);
        }

        return op switch
        {
            "<" or "lt" => cmp < 0,
            "<=" or "le" => cmp <= 0,
            ">" or "gt" => cmp > 0,
            ">=" or "ge" => cmp >= 0,
            "==" or "=" or "eq" => cmp == 0,
            "!=" or "<>" or "ne" => cmp != 0,
            _ => throw new TemplateEvaluationException($"version: unknown operator '{op}'"),
        };
    }
}
