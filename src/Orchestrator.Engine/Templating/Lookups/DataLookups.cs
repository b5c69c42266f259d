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

    /// <summary>
    /// <c>subelements</c>: [item, sub] for each element of the list at a (dotted) key of each item, the item shown
    /// without that key as Ansible pops it; <c>skip_missing</c> skips items that lack the key.
    /// </summary>
    public static List<object?> Subelements(LookupCall call)
    {
        var terms = call.Terms;
        if (terms.Count is < 2 or > 3 || terms[1] is not string path)
        {
            throw call.Fail("expects a list of two or three items: a list (or dict) of items, the subkey, and optionally {skip_missing: ...}");
        }

        var items = terms[0] switch
        {
            IDictionary<string, object?> registered when PlainData.IsTruthy(registered.TryGetValue("skipped", out var s) ? s : false) => [],
            IDictionary<string, object?> map => map.Values.ToList(),
            List<object?> list => list,
            var other => throw call.Fail($"the first term must be a list or a dict, but got {PlainData.TypeName(other)}"),
        };
        var flags = terms.Count == 3 ? terms[2] as IDictionary<string, object?> ?? throw call.Fail("the third term must be a dict of flags (skip_missing)") : null;
        if (flags?.Keys.FirstOrDefault(k => k != "skip_missing") is { } unknown)
        {
            throw call.Fail($"unknown flag '{unknown}'; the flags are: skip_missing");
        }

        var skipMissing = flags is not null && flags.TryGetValue("skip_missing", out var flag) && PlainData.IsTruthy(flag);
        var keys = path.Split('.');
        var result = new List<object?>();
        foreach (var element in items)
        {
            if (element is not IDictionary<string, object?> item)
            {
                throw call.Fail($"expects a dictionary, got '{PlainData.ToText(element)}'");
            }

            if (item.TryGetValue("skipped", out var skipped) && PlainData.IsTruthy(skipped))
            {
                continue;
            }

            // Copies along the path, so popping the list does not change the variable it came from.
            var shown = new Dictionary<string, object?>(item, StringComparer.Ordinal);
            var level = shown;
            List<object?> sublist = [];
            for (var i = 0; i < keys.Length; i++)
            {
                if (!level.TryGetValue(keys[i], out var value))
                {
                    if (skipMissing)
                    {
                        continue;
                    }

                    throw call.Fail($"could not find '{keys[i]}' key in iterated item '{PlainData.ToText(level)}'");
                }

                if (i < keys.Length - 1)
                {
                    if (value is not IDictionary<string, object?> inner)
                    {
                        if (skipMissing)
                        {
                            continue;
                        }

                        throw call.Fail($"the key {keys[i]} should point to a dictionary, got '{PlainData.ToText(value)}'");
                    }

                    var copy = new Dictionary<string, object?>(inner, StringComparer.Ordinal);
                    level[keys[i]] = copy;
                    level = copy;
                }
                else
                {
                    sublist = value as List<object?> ?? throw call.Fail($"the key {keys[i]} should point to a list, got '{PlainData.ToText(value)}'");
                    level.Remove(keys[i]);
                }
            }

            result.AddRange(sublist.Select(sub => (object?)new List<object?> { shown, sub }));
        }

        return result;
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
