using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Plugins;

/// <summary>
/// Ansible's _add_host_to_keyed_groups: each <c>keyed_groups</c> entry's <c>key</c> is evaluated; a string
/// names one group, a list one per item, a mapping one per pair (<c>name{separator}value</c>); the group
/// name is <c>{prefix}{separator}{value}</c> (no separator without a prefix when
/// <c>leading_separator: false</c>); an empty value takes <c>default_value</c>, and an empty mapping value
/// drops the separator with <c>trailing_separator: false</c>; <c>parent_group</c> (a template) gets the new
/// group as a child.
/// </summary>
internal sealed class KeyedGroupBuilder(
    InventoryData data,
    string path,
    ConstructedOptions options,
    IInventoryExpressionEvaluator expressions,
    Func<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> withExtraVars)
{
    public void Add(HostNode host, IReadOnlyDictionary<string, object?> hostVariables)
    {
        var variables = withExtraVars(hostVariables);
        foreach (var entry in options.KeyedGroups)
        {
            if (entry is not Dictionary<string, object?> keyed || keyed.Count == 0)
            {
                throw Error($"found the keyed_groups entry {PyData.Repr(entry)}; expected a mapping with at least key:");
            }

            var keyText = ConstructedPlugin.Expression(keyed.GetValueOrDefault("key"));
            object? key;
            try
            {
                key = TemplateResult.FromExpression(keyText, expressions.Evaluate(keyText, variables), variables);
            }
            catch (Exception ex) when (ex is not InputLimitException)
            {
                if (options.Strict)
                {
                    throw Error($"found that keyed_groups key '{keyText}' cannot be evaluated for host '{host.Name}' ({ConstructedPlugin.Reason(ex)}); expected an expression that evaluates for every host (or strict: false to skip such hosts)");
                }

                continue;
            }

            var hasDefault = keyed.TryGetValue("default_value", out var defaultValue) && defaultValue is not null;
            var trailing = keyed.GetValueOrDefault("trailing_separator");
            if (trailing is not null && hasDefault)
            {
                throw Error("found both default_value and trailing_separator in a keyed_groups entry; expected at most one of them (they are mutually exclusive)");
            }

            if (!IsTruthy(key) && !(key is "" && hasDefault))
            {
                if (options.Strict && !(key is List<object?> { Count: 0 } or Dictionary<string, object?> { Count: 0 }))
                {
                    throw Error($"found that keyed_groups key '{keyText}' is empty for host '{host.Name}'; expected a value to name a group by (or strict: false to skip such hosts)");
                }

                continue;
            }

            var prefix = keyed.TryGetValue("prefix", out var p) ? p : "";
            var separator = keyed.TryGetValue("separator", out var s) ? PyData.Str(s) : "_";
            var rawParent = keyed.GetValueOrDefault("parent_group");
            string? parentName = null;
            if (IsTruthy(rawParent))
            {
                try
                {
                    parentName = expressions.Render(PyData.Str(rawParent), variables);
                }
                catch (Exception ex) when (ex is not InputLimitException)
                {
                    if (options.Strict)
                    {
                        throw Error($"found that parent_group '{PyData.Str(rawParent)}' cannot be rendered for host '{host.Name}' ({ConstructedPlugin.Reason(ex)}); expected a group name");
                    }

                    continue;
                }
            }

            foreach (var bareName in BareNames(key, separator, hasDefault ? defaultValue : null, hasDefault, trailing))
            {
                if (prefix is "" && !options.LeadingSeparator)
                {
                    separator = "";
                }

                var name = GroupNameSanitizer.Sanitize(PyData.Str(prefix) + separator + bareName);
                var group = data.AddGroup(name);
                data.AddHost(host.Name, group, port: null);
                if (parentName is not null)
                {
                    var parent = data.AddGroup(GroupNameSanitizer.Sanitize(parentName));
                    data.AddChild(parent, group.Name);
                }
            }
        }
    }

    private List<string> BareNames(object? key, string separator, object? defaultValue, bool hasDefault, object? trailing)
    {
        var names = new List<string>();
        switch (key)
        {
            case string text:
                names.Add(text == "" && hasDefault ? PyData.Str(defaultValue) : text);
                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    names.Add(item is "" && hasDefault ? PyData.Str(defaultValue) : PyData.Str(item));
                }

                break;
            case Dictionary<string, object?> mapping:
                foreach (var (name, value) in mapping)
                {
                    var bare = name + separator + PyData.Str(value);
                    if (value is "")
                    {
                        if (hasDefault)
                        {
                            bare = name + separator + PyData.Str(defaultValue);
                        }
                        else if (trailing is false)
                        {
                            bare = name;
                        }
                    }

                    names.Add(bare);
                }

                break;
            default:
                throw Error($"found the keyed_groups key value {PyData.Repr(key)}; expected a string, a list of them or a mapping");
        }

        return names;
    }

    // Python truth of plain data.
    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    private UserInputException Error(string message) => new(message, new SourceLocation(path, 0, 0));
}
