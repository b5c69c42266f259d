using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory.Parsing;

/// <summary>
/// Ansible's YAML inventory plugin (plugins/inventory/yaml.py): top-level keys are groups, each with
/// optional <c>vars</c>, <c>children</c> (recursive) and <c>hosts</c> (patterns with ranges and ports).
/// </summary>
internal sealed class YamlInventoryParser(InventoryData data, YamlConstructor yaml)
{
    /// <summary>Why the YAML plugin declined the document, when it did (Ansible then tries the INI plugin).</summary>
    public static string? Decline(YNode? root, YamlConstructor yaml)
    {
        if (root is null || !IsTruthy(yaml.ToPlain(root)))
        {
            return "found an empty YAML document; expected a mapping of groups, starting with all:";
        }

        if (root is not YMapping map)
        {
            return $"found a YAML {root.Kind} at the top of the file; expected a mapping of groups (all: hosts: / vars: / children:)";
        }

        foreach (var entry in yaml.Entries(map))
        {
            if (entry.Key is "plugin" && IsTruthy(yaml.ToPlain(entry.ValueNode)))
            {
                return "found a 'plugin:' key, which configures an inventory plugin; expected a YAML inventory (Orchestrator does not run inventory plugins)";
            }
        }

        return null;
    }

    public void Parse(YMapping root)
    {
        foreach (var entry in yaml.Entries(root))
        {
            ParseGroup(entry.KeyNode, entry.Key, entry.ValueNode);
        }
    }

    private string? ParseGroup(YNode keyNode, object? name, YNode valueNode)
    {
        if (!IsMappingOrNull(valueNode))
        {
            // ansible-inventory only warns ("Skipping ... not a valid group definition") and exits 0, so the hosts
            // listed there silently go unmanaged (and unswept); we refuse it instead.
            throw yaml.Error(valueNode,
                $"found a {Describe(valueNode)} as the definition of group '{PyData.Str(name)}', which is not a valid group definition; " +
                "expected a mapping with hosts, children or vars (hosts go under 'hosts:' as a mapping, e.g. 'hosts: {fs1: , fs2: }')");
        }

        if (name is not string groupName)
        {
            throw yaml.Error(keyNode, $"found group name {PyData.Repr(name)}, which is not a string; expected a group name (quote it if it looks like a number or a boolean)");
        }

        if (groupName.Length == 0)
        {
            throw yaml.Error(keyNode, "found an empty group name; expected a group name");
        }

        var group = data.AddGroup(groupName);
        if (valueNode is not YMapping groupData)
        {
            return groupName;
        }

        var entries = yaml.Entries(groupData);
        foreach (var entry in entries)
        {
            if (entry.Key is "vars" or "children" or "hosts" && !IsMappingOrNull(entry.ValueNode) && !IsString(entry.ValueNode))
            {
                throw yaml.Error(entry.ValueNode, $"found a {Describe(entry.ValueNode)} for \"{entry.Key}\" of group \"{groupName}\"; expected a mapping (a dictionary)");
            }
        }

        foreach (var entry in entries)
        {
            var key = entry.Key;
            var section = entry.ValueNode;
            var sectionIsString = key is "vars" or "children" or "hosts" && IsString(section);
            if (!sectionIsString && !IsMappingOrNull(section))
            {
                data.Warnings.Add($"Skipping key ({PyData.Str(key)}) in group ({groupName}) as it is not a mapping, it is a {Describe(section)}");
                continue;
            }

            if (!sectionIsString && section is not YMapping)
            {
                continue; // an empty key
            }

            switch (key)
            {
                case "vars":
                    foreach (var v in SectionEntries(section))
                    {
                        var value = v.ValueNode is null ? null : yaml.ToPlain(v.ValueNode);
                        Graph(v.KeyNode, () => data.SetVariable(groupName, PyData.JsonKey(v.Key), value));
                    }

                    break;
                case "children":
                    foreach (var c in SectionEntries(section))
                    {
                        var childName = c.ValueNode is null ? ParseGroupNamed(c.KeyNode, c.Key) : ParseGroup(c.KeyNode, c.Key, c.ValueNode);
                        if (childName is not null)
                        {
                            Graph(c.KeyNode, () => data.AddChild(group, childName));
                        }
                    }

                    break;
                case "hosts":
                    foreach (var h in SectionEntries(section))
                    {
                        ParseHost(group, h);
                    }

                    break;
                default:
                    data.Warnings.Add($"Skipping unexpected key ({PyData.Str(key)}) in group ({groupName}), only \"vars\", \"children\" and \"hosts\" are valid");
                    break;
            }
        }

        return groupName;
    }

    // A child written as a bare string ("children: web") is a group with no data.
    private string ParseGroupNamed(YNode keyNode, object? name)
    {
        if (name is not string groupName || groupName.Length == 0)
        {
            throw yaml.Error(keyNode, $"found group name {PyData.Repr(name)}; expected a non-empty string");
        }

        data.AddGroup(groupName);
        return groupName;
    }

    private void ParseHost(GroupNode group, SectionEntry entry)
    {
        if (entry.Key is not string pattern)
        {
            throw yaml.Error(entry.KeyNode, $"found host pattern {PyData.Repr(entry.Key)}, which is not a string; expected a host name (enclose integers and floats in quotation marks)");
        }

        List<string> hosts;
        int? port;
        try
        {
            hosts = HostPatternExpander.Expand(pattern, out port);
        }
        catch (HostRangeException ex)
        {
            throw new UserInputException(ex.Message, new SourceLocation(yaml.File, entry.KeyNode.Line, entry.KeyNode.Column + ex.Offset));
        }

        var variables = new List<KeyValuePair<string, object?>>();
        if (entry.ValueNode is not null)
        {
            var value = yaml.ToPlain(entry.ValueNode);
            if (IsTruthy(value))
            {
                if (entry.ValueNode is not YMapping hostMap || value is not Dictionary<string, object?>)
                {
                    throw yaml.Error(entry.ValueNode, $"found a {Describe(entry.ValueNode)} as the value of host '{pattern}'; expected a mapping of host variables, or nothing");
                }

                foreach (var v in yaml.Entries(hostMap))
                {
                    variables.Add(new KeyValuePair<string, object?>(PyData.JsonKey(v.Key), yaml.ToPlain(v.ValueNode)));
                }
            }
        }

        foreach (var h in hosts)
        {
            if (h.Length == 0)
            {
                throw yaml.Error(entry.KeyNode, "found an empty host name; expected a host name");
            }

            data.AddHost(h, group, port);
            foreach (var (k, v) in variables)
            {
                Graph(entry.KeyNode, () => data.SetVariable(h, k, v));
            }
        }
    }

    private readonly record struct SectionEntry(YNode KeyNode, object? Key, YNode? ValueNode);

    // A section's entries; a bare string section ("hosts: web1") is one key with no value.
    private IEnumerable<SectionEntry> SectionEntries(YNode section)
    {
        if (section is YScalar scalar)
        {
            return [new SectionEntry(scalar, scalar.Value, null)];
        }

        return yaml.Entries((YMapping)section).Select(e => new SectionEntry(e.KeyNode, e.Key, e.ValueNode));
    }

    private void Graph(YNode at, Action action)
    {
        try
        {
            action();
        }
        catch (InventoryGraphException ex)
        {
            throw yaml.Error(at, ex.Message);
        }
    }

    private bool IsMappingOrNull(YNode node) =>
        node is YMapping || (node is YScalar s && yaml.ScalarValue(s) is null);

    private bool IsString(YNode node) =>
        node is YScalar { Tag: YamlTags.Str or YamlTags.PythonUnicode or YamlTags.Unsafe };

    private static string Describe(YNode node) => node switch
    {
        YSequence => "list",
        YMapping => "mapping",
        YScalar s when s.Tag == YamlTags.Str => "string",
        YScalar s => s.Tag?.Replace("tag:yaml.org,2002:", "", StringComparison.Ordinal) ?? "scalar",
        _ => node.Kind,
    };

    // Python truthiness of a plain value.
    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };
}
