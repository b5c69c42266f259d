using System.Collections.ObjectModel;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Vars;

/// <summary>
/// A host's variables as ansible-inventory --list shows them (VariableManager.get_vars with Ansible's
/// default precedence and hash_behaviour=replace), lowest to highest:
/// the <c>all</c> group's inventory vars; the host's other groups' inventory vars sorted by
/// (depth, ansible_group_priority, name); <c>group_vars/all</c> of each source in order; each source's
/// <c>group_vars/&lt;group&gt;</c> for those sorted groups; the host's inventory vars; each source's
/// <c>host_vars/&lt;host&gt;</c>. Ansible's internal and magic names are removed, as ansible-inventory does.
/// </summary>
internal sealed class VariableMerger(InventoryData data, IReadOnlyList<string> varsDirectories, VarsFiles files)
{
    /// <summary>ansible-inventory's INTERNAL_VARS, removed from its output.</summary>
    public static readonly IReadOnlySet<string> InternalNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ansible_diff_mode", "ansible_config_file", "ansible_facts", "ansible_forks", "ansible_inventory_sources",
        "ansible_limit", "ansible_playbook_python", "ansible_run_tags", "ansible_skip_tags", "ansible_verbosity",
        "ansible_version", "inventory_dir", "inventory_file", "inventory_hostname", "inventory_hostname_short",
        "groups", "group_names", "omit", "playbook_dir",
    };

    private static readonly IReadOnlyDictionary<string, object?> Empty = new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

    // Hosts with the same groups share the merged group part (a fleet has few distinct group sets).
    private readonly Dictionary<string, Dictionary<string, object?>> _groupParts = new(StringComparer.Ordinal);

    public static int CompareGroups(GroupNode a, GroupNode b)
    {
        var c = a.Depth.CompareTo(b.Depth);
        if (c == 0)
        {
            c = a.Priority.CompareTo(b.Priority);
        }

        return c != 0 ? c : PyStringComparer.Instance.Compare(a.Name, b.Name);
    }

    public IReadOnlyDictionary<string, object?> ForHost(HostNode host)
    {
        var groups = host.Groups.Where(g => !ReferenceEquals(g, data.All)).ToList();
        groups.Sort(CompareGroups);
        var key = string.Join('\0', groups.Select(g => g.Name));
        if (!_groupParts.TryGetValue(key, out var groupPart))
        {
            groupPart = new Dictionary<string, object?>(data.All.Vars, StringComparer.Ordinal);
            foreach (var g in groups)
            {
                Update(groupPart, g.Vars);
            }

            foreach (var dir in varsDirectories)
            {
                foreach (var file in files.For(dir, "group_vars", "all"))
                {
                    Update(groupPart, file);
                }
            }

            foreach (var dir in varsDirectories)
            {
                foreach (var g in groups)
                {
                    foreach (var file in files.For(dir, "group_vars", g.Name))
                    {
                        Update(groupPart, file);
                    }
                }
            }

            RemoveInternal(groupPart);
            _groupParts[key] = groupPart;
        }

        var hostFiles = varsDirectories.SelectMany(dir => files.For(dir, "host_vars", host.Name)).ToList();
        if (hostFiles.Count == 0 && host.Vars.Keys.All(InternalNames.Contains))
        {
            return groupPart.Count == 0 ? Empty : new ReadOnlyDictionary<string, object?>(groupPart);
        }

        var result = new Dictionary<string, object?>(groupPart, StringComparer.Ordinal);
        Update(result, host.Vars);
        foreach (var file in hostFiles)
        {
            Update(result, file);
        }

        RemoveInternal(result);
        return new ReadOnlyDictionary<string, object?>(result);
    }

    /// <summary>A group's own variables (inventory plus group_vars), as --graph --vars shows them.</summary>
    public IReadOnlyDictionary<string, object?> ForGroup(GroupNode group)
    {
        var result = new Dictionary<string, object?>(group.Vars, StringComparer.Ordinal);
        foreach (var dir in varsDirectories)
        {
            foreach (var file in files.For(dir, "group_vars", group.Name))
            {
                Update(result, file);
            }
        }

        if (group.Priority != 1)
        {
            result["ansible_group_priority"] = (long)group.Priority;
        }

        RemoveInternal(result);
        return new ReadOnlyDictionary<string, object?>(result);
    }

    /// <summary>Variables of the implicit localhost: the all group's and its own, like Ansible.</summary>
    public IReadOnlyDictionary<string, object?> ForImplicitHost(HostNode host)
    {
        var result = new Dictionary<string, object?>(data.All.Vars, StringComparer.Ordinal);
        foreach (var dir in varsDirectories)
        {
            foreach (var file in files.For(dir, "group_vars", "all"))
            {
                Update(result, file);
            }
        }

        Update(result, host.Vars);
        foreach (var dir in varsDirectories)
        {
            foreach (var file in files.For(dir, "host_vars", host.Name))
            {
                Update(result, file);
            }
        }

        RemoveInternal(result);
        return new ReadOnlyDictionary<string, object?>(result);
    }

    private static void Update(Dictionary<string, object?> target, IReadOnlyDictionary<string, object?> source)
    {
        foreach (var (k, v) in source)
        {
            target[k] = v;
        }
    }

    private static void RemoveInternal(Dictionary<string, object?> vars)
    {
        foreach (var name in InternalNames)
        {
            vars.Remove(name);
        }
    }
}
