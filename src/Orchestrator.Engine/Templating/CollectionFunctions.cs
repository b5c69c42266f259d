using System.Collections;
using System.Globalization;
using static Orchestrator.Engine.Templating.FunctionArguments;

namespace Orchestrator.Engine.Templating;

/// <summary>List and mapping filters (join, sort, union, combine, map, ...), the mapping methods, and range().</summary>
internal static class CollectionFunctions
{
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

    public static void Register(TemplateFunctionSet set)
    {
        set.Filter("join", 1, 2, a => string.Join(a.Length > 1 ? Text(a[1]) : string.Empty, List(a[0]).Select(Text)));
        set.Filter("length", 1, 1, a => (long)Length(a[0]));
        set.FilterAlias("count", "length");
        set.Filter("first", 1, 1, a => List(a[0]).FirstOrDefault());
        set.Filter("last", 1, 1, a => List(a[0]).LastOrDefault());
        set.Filter("min", 1, 1, a => List(a[0]).Min(Comparer));
        set.Filter("max", 1, 1, a => List(a[0]).Max(Comparer));
        set.Filter("sum", 1, 1, a => Sum(List(a[0])));
        set.Filter("sort", 1, 2, a => (a.Length > 1 && Bool(a[1]) ? List(a[0]).OrderDescending(Comparer) : List(a[0]).Order(Comparer)).ToList());
        set.Filter("unique", 1, 1, a => List(a[0]).DistinctBy(PlainData.ToJson).ToList());
        set.Filter("reverse", 1, 1, a => a[0] is string s ? new string(s.Reverse().ToArray()) : List(a[0]).AsEnumerable().Reverse().ToList());
        set.Filter("flatten", 1, 1, a => Flatten(List(a[0])));
        set.Filter("list", 1, 1, a => a[0] is string s ? s.Select(c => (object?)c.ToString()).ToList() : List(a[0]));
        set.Filter("union", 2, 2, a => List(a[0]).Concat(List(a[1])).DistinctBy(PlainData.ToJson).ToList());
        set.Filter("intersect", 2, 2, a => List(a[0]).Where(x => List(a[1]).Any(y => Same(x, y))).DistinctBy(PlainData.ToJson).ToList());
        set.Filter("difference", 2, 2, a => List(a[0]).Where(x => !List(a[1]).Any(y => Same(x, y))).DistinctBy(PlainData.ToJson).ToList());
        set.Filter("combine", 1, 8, a => Combine(a));
        set.Filter("dict2items", 1, 1, a => Dict(a[0]).Select(kv => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["key"] = kv.Key, ["value"] = kv.Value }).ToList());
        set.Filter("items2dict", 1, 1, a => List(a[0]).Select(Dict).ToDictionary(d => Text(d["key"]), d => d.GetValueOrDefault("value"), StringComparer.Ordinal));
        set.Filter("map", 2, 2, a => List(a[0]).Select(x => set.ApplyFilter(Text(a[1]), x)).ToList());
        set.Filter("select", 1, 1, a => List(a[0]).Where(PlainData.IsTruthy).ToList());
        set.Filter("reject", 1, 1, a => List(a[0]).Where(x => !PlainData.IsTruthy(x)).ToList());

        set.Method("keys", 1, 1, a => Dict(a[0]).Keys.Select(k => (object?)k).ToList());
        set.Method("values", 1, 1, a => Dict(a[0]).Values.ToList());
        set.Method("items", 1, 1, a => Dict(a[0]).Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList());
        set.Method("get", 2, 3, a => Dict(a[0]).TryGetValue(Text(a[1]), out var v) ? v : a.Length > 2 ? a[2] : null);

        set.Global("range", 1, 3, a => Range(a));
    }

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
}
