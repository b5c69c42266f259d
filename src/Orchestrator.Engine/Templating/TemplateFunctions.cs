using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Shell;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// The filters (<c>x | name(args)</c>), tests (<c>x is name</c>), string/dict methods (<c>s.split(',')</c>)
/// and global functions available in expressions. Documented in docs/playbooks.md ("Templating").
/// </summary>
internal static class TemplateFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, TemplateFunction> FilterTable = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, TemplateFunction> TestTable = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, TemplateFunction> MethodTable = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, TemplateFunction> GlobalTable = new(StringComparer.Ordinal);

    static TemplateFunctions()
    {
        // Filters: the first argument is the value before the '|'.
        Filter("default", 1, 3, a => a[0] is UndefinedValue || (a.Length > 2 && Bool(a[2]) && !PlainData.IsTruthy(a[0])) ? (a.Length > 1 ? a[1] : string.Empty) : a[0], lenient: true);
        FilterTable["d"] = FilterTable["default"];
        Filter("mandatory", 1, 2, a => a[0] is UndefinedValue u ? throw new TemplateEvaluationException(a.Length > 1 ? Text(a[1]) : $"mandatory variable '{u.Name}' is not defined") : a[0], lenient: true);
        Filter("int", 1, 2, a => ToInt(a[0], a.Length > 1 ? a[1] : 0L));
        Filter("to_int", 1, 2, a => ToInt(a[0], a.Length > 1 ? a[1] : 0L));
        Filter("float", 1, 2, a => ToFloat(a[0], a.Length > 1 ? a[1] : 0.0));
        Filter("string", 1, 1, a => Text(a[0]));
        Filter("bool", 1, 1, a => AnsibleBool(a[0]));
        Filter("join", 1, 2, a => string.Join(a.Length > 1 ? Text(a[1]) : string.Empty, List(a[0]).Select(Text)));
        Filter("length", 1, 1, a => (long)Length(a[0]));
        FilterTable["count"] = FilterTable["length"];
        Filter("upper", 1, 1, a => Text(a[0]).ToUpperInvariant());
        Filter("lower", 1, 1, a => Text(a[0]).ToLowerInvariant());
        Filter("capitalize", 1, 1, a => Text(a[0]) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : string.Empty);
        Filter("trim", 1, 1, a => Text(a[0]).Trim());
        Filter("replace", 3, 3, a => Text(a[0]).Replace(Text(a[1]), Text(a[2]), StringComparison.Ordinal));
        Filter("regex_search", 2, 3, a => RegexSearch(Text(a[0]), Text(a[1]), a.Length > 2 ? a[2] : null));
        Filter("regex_replace", 3, 3, a => new Regex(Text(a[1]), RegexOptions.None, RegexTimeout).Replace(Text(a[0]), PythonReplacement(Text(a[2]))));
        Filter("regex_findall", 2, 2, a => new Regex(Text(a[1]), RegexOptions.None, RegexTimeout).Matches(Text(a[0])).Select(m => (object?)m.Value).ToList());
        Filter("regex_escape", 1, 1, a => Regex.Escape(Text(a[0])));
        Filter("split", 1, 2, a => (a.Length > 1 ? Text(a[0]).Split(Text(a[1])) : Text(a[0]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Select(x => (object?)x).ToList());
        Filter("first", 1, 1, a => List(a[0]).FirstOrDefault());
        Filter("last", 1, 1, a => List(a[0]).LastOrDefault());
        Filter("min", 1, 1, a => List(a[0]).Min(Comparer));
        Filter("max", 1, 1, a => List(a[0]).Max(Comparer));
        Filter("sum", 1, 1, a => Sum(List(a[0])));
        Filter("sort", 1, 2, a => (a.Length > 1 && Bool(a[1]) ? List(a[0]).OrderDescending(Comparer) : List(a[0]).Order(Comparer)).ToList());
        Filter("unique", 1, 1, a => List(a[0]).DistinctBy(PlainData.ToJson).ToList());
        Filter("reverse", 1, 1, a => a[0] is string s ? new string(s.Reverse().ToArray()) : List(a[0]).AsEnumerable().Reverse().ToList());
        Filter("flatten", 1, 1, a => Flatten(List(a[0])));
        Filter("list", 1, 1, a => a[0] is string s ? s.Select(c => (object?)c.ToString()).ToList() : List(a[0]));
        Filter("union", 2, 2, a => List(a[0]).Concat(List(a[1])).DistinctBy(PlainData.ToJson).ToList());
        Filter("intersect", 2, 2, a => List(a[0]).Where(x => List(a[1]).Any(y => Same(x, y))).DistinctBy(PlainData.ToJson).ToList());
        Filter("difference", 2, 2, a => List(a[0]).Where(x => !List(a[1]).Any(y => Same(x, y))).DistinctBy(PlainData.ToJson).ToList());
        Filter("combine", 1, 8, a => Combine(a));
        Filter("dict2items", 1, 1, a => Dict(a[0]).Select(kv => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["key"] = kv.Key, ["value"] = kv.Value }).ToList());
        Filter("items2dict", 1, 1, a => List(a[0]).Select(Dict).ToDictionary(d => Text(d["key"]), d => d.GetValueOrDefault("value"), StringComparer.Ordinal));
        Filter("to_json", 1, 1, a => PlainData.ToJson(a[0]));
        Filter("to_nice_json", 1, 1, a => System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(PlainData.ToJson(a[0])).RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Filter("from_json", 1, 1, a => FromJson(Text(a[0])));
        Filter("b64encode", 1, 1, a => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(a[0]))));
        Filter("b64decode", 1, 1, a => Encoding.UTF8.GetString(Convert.FromBase64String(Text(a[0]))));
        Filter("basename", 1, 1, a => Path.GetFileName(Text(a[0]).TrimEnd('/')));
        Filter("dirname", 1, 1, a => Path.GetDirectoryName(Text(a[0])) ?? string.Empty);
        Filter("quote", 1, 1, a => ShellQuote.QuoteLikePython(Text(a[0])));
        Filter("abs", 1, 1, a => a[0] is double d ? Math.Abs(d) : Math.Abs(ToInt(a[0], 0L) is long l ? l : 0));
        Filter("round", 1, 2, a => Math.Round(Convert.ToDouble(ToFloat(a[0], 0.0), CultureInfo.InvariantCulture), a.Length > 1 ? (int)(long)ToInt(a[1], 0L)! : 0, MidpointRounding.AwayFromZero));
        Filter("ternary", 3, 4, a => a[0] is null && a.Length > 3 ? a[3] : PlainData.IsTruthy(a[0]) ? a[1] : a[2]);
        Filter("type_debug", 1, 1, a => PlainData.TypeName(PlainData.Normalize(a[0])));
        Filter("map", 2, 2, a => List(a[0]).Select(x => Apply(Text(a[1]), x)).ToList());
        Filter("select", 1, 1, a => List(a[0]).Where(PlainData.IsTruthy).ToList());
        Filter("reject", 1, 1, a => List(a[0]).Where(x => !PlainData.IsTruthy(x)).ToList());

        // Tests: "x is name(args)"; the first argument is x.
        Test("defined", 1, a => a[0] is not UndefinedValue);
        Test("undefined", 1, a => a[0] is UndefinedValue);
        Test("none", 1, a => a[0] is null);
        Test("string", 1, a => a[0] is string);
        Test("number", 1, a => a[0] is long or int or double or float or decimal);
        Test("integer", 1, a => a[0] is long or int);
        Test("float", 1, a => a[0] is double or float);
        Test("boolean", 1, a => a[0] is bool);
        Test("mapping", 1, a => a[0] is IDictionary or ScriptObject);
        Test("sequence", 1, a => a[0] is IEnumerable);
        Test("iterable", 1, a => a[0] is IEnumerable);
        Test("match", 2, a => new Regex("^(?:" + Text(a[1]) + ")", RegexOptions.None, RegexTimeout).IsMatch(Text(a[0])));
        Test("search", 2, a => new Regex(Text(a[1]), RegexOptions.None, RegexTimeout).IsMatch(Text(a[0])));
        TestTable["regex"] = TestTable["search"];
        Test("in", 2, a => Contains(a[1], a[0]));
        Test("contains", 2, a => Contains(a[0], a[1]));
        Test("equalto", 2, a => Same(a[0], a[1]));
        TestTable["eq"] = TestTable["equalto"];
        TestTable["sameas"] = TestTable["equalto"];
        Test("truthy", 1, a => PlainData.IsTruthy(a[0]));
        Test("falsy", 1, a => !PlainData.IsTruthy(a[0]));
        Test("even", 1, a => ToInt(a[0], 0L) is long l && l % 2 == 0);
        Test("odd", 1, a => ToInt(a[0], 0L) is long l && l % 2 != 0);
        Test("divisibleby", 2, a => ToInt(a[0], 0L) is long l && ToInt(a[1], 1L) is long m && m != 0 && l % m == 0);
        Test("succeeded", 1, a => !ResultFlag(a[0], "failed"));
        TestTable["success"] = TestTable["succeeded"];
        Test("failed", 1, a => ResultFlag(a[0], "failed"));
        TestTable["failure"] = TestTable["failed"];
        Test("changed", 1, a => ResultFlag(a[0], "changed"));
        TestTable["change"] = TestTable["changed"];
        Test("skipped", 1, a => ResultFlag(a[0], "skipped"));
        TestTable["skip"] = TestTable["skipped"];
        Test("subset", 2, a => List(a[0]).All(x => List(a[1]).Any(y => Same(x, y))));
        Test("superset", 2, a => List(a[1]).All(x => List(a[0]).Any(y => Same(x, y))));
        Test("version", 3, a => CompareVersions(Text(a[0]), Text(a[1]), Text(a[2])));

        // Methods: "target.name(args)" on strings and mappings, as in Python.
        Method("split", 1, 3, a => (a.Length > 1 ? Text(a[0]).Split(Text(a[1])) : Text(a[0]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Select(x => (object?)x).ToList());
        Method("startswith", 2, 2, a => Text(a[0]).StartsWith(Text(a[1]), StringComparison.Ordinal));
        Method("endswith", 2, 2, a => Text(a[0]).EndsWith(Text(a[1]), StringComparison.Ordinal));
        Method("strip", 1, 2, a => a.Length > 1 ? Text(a[0]).Trim(Text(a[1]).ToCharArray()) : Text(a[0]).Trim());
        Method("lstrip", 1, 2, a => a.Length > 1 ? Text(a[0]).TrimStart(Text(a[1]).ToCharArray()) : Text(a[0]).TrimStart());
        Method("rstrip", 1, 2, a => a.Length > 1 ? Text(a[0]).TrimEnd(Text(a[1]).ToCharArray()) : Text(a[0]).TrimEnd());
        Method("lower", 1, 1, a => Text(a[0]).ToLowerInvariant());
        Method("upper", 1, 1, a => Text(a[0]).ToUpperInvariant());
        Method("replace", 3, 3, a => Text(a[0]).Replace(Text(a[1]), Text(a[2]), StringComparison.Ordinal));
        Method("join", 2, 2, a => string.Join(Text(a[0]), List(a[1]).Select(Text)));
        Method("keys", 1, 1, a => Dict(a[0]).Keys.Select(k => (object?)k).ToList());
        Method("values", 1, 1, a => Dict(a[0]).Values.ToList());
        Method("items", 1, 1, a => Dict(a[0]).Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList());
        Method("get", 2, 3, a => Dict(a[0]).TryGetValue(Text(a[1]), out var v) ? v : a.Length > 2 ? a[2] : null);

        // Global functions.
        Global("range", 1, 3, a => Range(a));
        Global("lookup", 2, 2, a => Lookup(Text(a[0]), Text(a[1])));
    }

    public static IReadOnlyCollection<string> Filters => FilterTable.Keys;

    public static IReadOnlyCollection<string> Tests => TestTable.Keys;

    public static IReadOnlySet<string> Methods { get; } = new HashSet<string>(
        ["split", "startswith", "endswith", "strip", "lstrip", "rstrip", "lower", "upper", "replace", "join", "keys", "values", "items", "get"],
        StringComparer.Ordinal);

    public static IReadOnlySet<string> Globals { get; } = new HashSet<string>(["range", "lookup"], StringComparer.Ordinal);

    /// <summary>The read-only Scriban object holding every function under its translated name (f_, t_, m_, g_).</summary>
    public static ScriptObject CreateScriptObject()
    {
        var so = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, f) in FilterTable)
        {
            so.SetValue("f_" + name, f, true);
        }

        foreach (var (name, f) in TestTable)
        {
            so.SetValue("t_" + name, f, true);
        }

        foreach (var (name, f) in MethodTable)
        {
            so.SetValue("m_" + name, f, true);
        }

        foreach (var (name, f) in GlobalTable)
        {
            so.SetValue("g_" + name, f, true);
        }

        return so;
    }

    private static void Filter(string name, int min, int max, Func<object?[], object?> body, bool lenient = false) =>
        FilterTable[name] = new TemplateFunction(name, min, max, body, lenient);

    private static void Test(string name, int args, Func<object?[], bool> body) =>
        TestTable[name] = new TemplateFunction(name, args, args, a => body(a), name is "defined" or "undefined");

    private static void Method(string name, int min, int max, Func<object?[], object?> body) =>
        MethodTable[name] = new TemplateFunction(name, min, max, body, false);

    private static void Global(string name, int min, int max, Func<object?[], object?> body) =>
        GlobalTable[name] = new TemplateFunction(name, min, max, body, false);

    private static object? Apply(string filter, object? value) =>
        FilterTable.TryGetValue(filter, out var f)
            ? f.Call([value])
            : throw new TemplateEvaluationException($"map: unknown filter '{filter}'");

    private static string Text(object? v) => PlainData.ToText(PlainData.Normalize(v));

    private static bool Bool(object? v) => PlainData.IsTruthy(v);

    private static bool AnsibleBool(object? v) => v switch
    {
        bool b => b,
        long or int or double => Convert.ToDouble(v, CultureInfo.InvariantCulture) == 1,
        string s => s.Trim().ToLowerInvariant() is "yes" or "on" or "1" or "true" or "y" or "t",
        _ => false,
    };

    private static object ToInt(object? v, object? fallback)
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

    private static object ToFloat(object? v, object? fallback) => v switch
    {
        long or int or double => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => PlainData.Normalize(fallback) ?? 0.0,
    };

    private static List<object?> List(object? v) => v switch
    {
        null => [],
        string s => [s],
        IDictionary<string, object?> d => d.Keys.Select(k => (object?)k).ToList(),
        IEnumerable e => e.Cast<object?>().ToList(),
        _ => throw new TemplateEvaluationException($"expected a list but got {PlainData.TypeName(v)}"),
    };

    private static Dictionary<string, object?> Dict(object? v) =>
        PlainData.Normalize(v) as Dictionary<string, object?>
        ?? throw new TemplateEvaluationException($"expected a mapping but got {PlainData.TypeName(PlainData.Normalize(v))}");

    private static int Length(object? v) => v switch
    {
        null => 0,
        string s => s.Length,
        ICollection c => c.Count,
        IEnumerable e => e.Cast<object?>().Count(),
        _ => throw new TemplateEvaluationException($"length: expected a string, list or mapping but got {PlainData.TypeName(v)}"),
    };

    private static object? Sum(List<object?> items)
    {
        if (items.All(x => x is long or int))
        {
            return items.Sum(x => Convert.ToInt64(x, CultureInfo.InvariantCulture));
        }

        return items.Sum(x => Convert.ToDouble(x, CultureInfo.InvariantCulture));
    }

    private static List<object?> Flatten(IEnumerable<object?> items)
    {
        var result = new List<object?>();
        foreach (var item in items)
        {
            if (item is IEnumerable e and not string and not IDictionary)
            {
                result.AddRange(Flatten(e.Cast<object?>()));
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static Dictionary<string, object?> Combine(object?[] a)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var recursive = a.Length > 1 && a[^1] is bool;
        foreach (var arg in recursive ? a[..^1] : a)
        {
            Merge(result, Dict(arg), recursive && (bool)a[^1]!);
        }

        return result;
    }

    private static void Merge(Dictionary<string, object?> target, Dictionary<string, object?> source, bool recursive)
    {
        foreach (var (k, v) in source)
        {
            if (recursive && target.TryGetValue(k, out var existing) && existing is Dictionary<string, object?> ed && v is Dictionary<string, object?> vd)
            {
                var merged = new Dictionary<string, object?>(ed, StringComparer.Ordinal);
                Merge(merged, vd, true);
                target[k] = merged;
            }
            else
            {
                target[k] = v;
            }
        }
    }

    private static object? RegexSearch(string input, string pattern, object? group)
    {
        var m = new Regex(pattern, RegexOptions.None, RegexTimeout).Match(input);
        if (!m.Success)
        {
            return null;
        }

        if (group is null)
        {
            return m.Value;
        }

        var g = Text(group).TrimStart('\\');
        return long.TryParse(g, out var index) ? m.Groups[(int)index].Value : m.Groups[g.Replace("?P<", string.Empty, StringComparison.Ordinal)].Value;
    }

    /// <summary>Python's "\1" and "\g&lt;name&gt;" back-references become .NET's "$1" and "${name}".</summary>
    private static string PythonReplacement(string replacement)
    {
        var r = Regex.Replace(replacement.Replace("$", "$$", StringComparison.Ordinal), @"\\g<(\w+)>", "$${$1}", RegexOptions.None, RegexTimeout);
        return Regex.Replace(r, @"\\(\d+)", "$${$1}", RegexOptions.None, RegexTimeout);
    }

    private static object? FromJson(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return FromJsonElement(doc.RootElement);
    }

    private static object? FromJsonElement(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJsonElement(p.Value), StringComparer.Ordinal),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().Select(FromJsonElement).ToList(),
        System.Text.Json.JsonValueKind.String => e.GetString(),
        System.Text.Json.JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };

    private static bool Contains(object? container, object? item) => container switch
    {
        string s => s.Contains(Text(item), StringComparison.Ordinal),
        IDictionary<string, object?> d => d.ContainsKey(Text(item)),
        IEnumerable e => e.Cast<object?>().Any(x => Same(x, item)),
        null => false,
        _ => throw new TemplateEvaluationException($"'in' needs a string, list or mapping on the right, not {PlainData.TypeName(container)}"),
    };

    private static bool Same(object? a, object? b)
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

    private static bool ResultFlag(object? result, string flag) =>
        result is IDictionary<string, object?> d && d.TryGetValue(flag, out var v) && PlainData.IsTruthy(v);

    private static readonly Comparer<object?> Comparer = Comparer<object?>.Create((x, y) =>
    {
        x = PlainData.Normalize(x);
        y = PlainData.Normalize(y);
        if (x is long or double && y is long or double)
        {
            return Convert.ToDouble(x, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, CultureInfo.InvariantCulture));
        }

        return string.CompareOrdinal(PlainData.ToText(x), PlainData.ToText(y));
    });

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

    private static List<object?> Range(object?[] a)
    {
        var n = a.Select(x => (long)ToInt(x, 0L)).ToArray();
        var (start, end, step) = n.Length switch
        {
            1 => (0L, n[0], 1L),
            2 => (n[0], n[1], 1L),
            _ => (n[0], n[1], n[2]),
        };
        if (step == 0)
        {
            throw new TemplateEvaluationException("range: step must not be 0");
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < end : i > end; i += step)
        {
            result.Add(i);
            if (result.Count > 100_000)
            {
                throw new TemplateEvaluationException("range: more than 100000 items");
            }
        }

        return result;
    }

    private static object? Lookup(string kind, string arg) => kind switch
    {
        "env" => Environment.GetEnvironmentVariable(arg) ?? string.Empty,
        "file" => File.Exists(arg) ? File.ReadAllText(arg).TrimEnd('\n') : throw new TemplateEvaluationException($"lookup('file'): '{arg}' does not exist"),
        _ => throw new TemplateEvaluationException($"lookup: unknown kind '{kind}'; supported: env, file"),
    };

    /// <summary>One function callable from Scriban; checks the argument count and undefined arguments.</summary>
    private sealed class TemplateFunction(string name, int min, int max, Func<object?[], object?> body, bool lenient) : IScriptCustomFunction
    {
        public int RequiredParameterCount => min;

        public int ParameterCount => max;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(object);

        public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index.ToString(CultureInfo.InvariantCulture));

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            Call(arguments.ToArray());

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

        public object? Call(object?[] args)
        {
            if (args.Length < min || args.Length > max)
            {
                var expected = min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}";
                throw new TemplateEvaluationException($"'{name}' takes {expected} argument(s) (counting the value before '|'), got {args.Length}");
            }

            if (!lenient)
            {
                foreach (var a in args)
                {
                    if (a is UndefinedValue u)
                    {
                        throw new UndefinedVariableException(u.Name);
                    }
                }
            }

            return body(args);
        }
    }
}

/// <summary>A function or filter failed on its input; the engine adds the file and expression.</summary>
internal sealed class TemplateEvaluationException(string message) : Exception(message);
