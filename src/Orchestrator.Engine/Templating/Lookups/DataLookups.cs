namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>The lookups that reshape data (what <c>with_items</c>, <c>with_dict</c>, <c>with_together</c>... loop over).</summary>
internal static class DataLookups
{
    /// <summary><c>items</c>: the terms, lists among them flattened one level.</summary>
    public static List<object?> Items(LookupCall call) => Flatten(call.Terms);

    public static List<object?> List(LookupCall call) => [.. call.Terms];

    /// <summary><c>indexed_items</c>: [index, item] pairs of the flattened terms.</summary>
    public static List<object?> IndexedItems(LookupCall call) =>
        Flatten(call.Terms).Select((item, i) => (object?)new List<object?> { (long)i, item }).ToList();

    /// <summary><c>dict</c>: each mapping's entries as {key, value}, in order.</summary>
    public static List<object?> Dict(LookupCall call)
    {
        var result = new List<object?>();
        foreach (var term in call.Terms)
        {
            if (term is not IDictionary<string, object?> map)
            {
                throw call.Fail($"with_dict expects a dict, but got {PlainData.TypeName(term)}");
            }

            result.AddRange(map.Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["key"] = e.Key, ["value"] = e.Value }));
        }

        return result;
    }

    /// <summary><c>together</c>: the lists zipped, the shorter ones padded with None.</summary>
    public static List<object?> Together(LookupCall call)
    {
        var lists = call.Terms.Select(Listify).ToList();
        if (lists.Count == 0)
        {
            throw call.Fail("with_together requires at least one element in each list");
        }

        var length = lists.Max(l => l.Count);
        return Enumerable.Range(0, length)
            .Select(i => (object?)Flatten(lists.Select(l => i < l.Count ? l[i] : null).ToList()))
            .ToList();
    }

    /// <summary><c>nested</c>: every combination of the lists' elements, the first list varying slowest.</summary>
    public static List<object?> Nested(LookupCall call)
    {
        var lists = call.Terms.Select(Listify).ToList();
        if (lists.Count == 0)
        {
            throw call.Fail("with_nested requires at least one element in the nested list");
        }

        var result = lists[0];
        foreach (var next in lists.Skip(1))
        {
            result = result.SelectMany(x => next.Select(y => (object?)Flatten([x, y]))).ToList();
        }

        return result.Select(x => (object?)Flatten([x])).ToList();
    }

    /// <summary>Ansible's LookupBase._flatten: lists among the values are spread one level.</summary>
    public static List<object?> Flatten(IEnumerable<object?> values)
    {
        var result = new List<object?>();
        foreach (var v in values)
        {
            if (v is List<object?> list)
            {
                result.AddRange(list);
            }
            else
            {
                result.Add(v);
            }
        }

        return result;
    }

    /// <summary>A term as a list (listify_lookup_plugin_terms): a list stays, anything else becomes a one-element list.</summary>
    public static List<object?> Listify(object? term) => term is List<object?> list ? list : [term];
}
