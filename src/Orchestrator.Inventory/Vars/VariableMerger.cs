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

    private readonly string[] _groupVarsDirectories = [.. varsDirectories.Select(d => Path.Combine(d, "group_vars"))];
    private readonly string[] _hostVarsDirectories = [.. varsDirectories.Select(d => Path.Combine(d, "host_vars"))];

    // Hosts with the same groups share the merged group part and the sorted group names
    // (a fleet has few distinct group sets), keyed by the groups' creation orders.
    private readonly Dictionary<string, GroupSet> _groupSets = new(StringComparer.Ordinal);

    private sealed record GroupSet(Dictionary<string, object?> Vars, IReadOnlyDictionary<string, object?> ReadOnlyVars, string[] Names);

    public static int CompareGroups(GroupNode a, GroupNode b)
    {
        var c = a.Depth.CompareTo(b.Depth);
        if (c == 0)
        {
            c = a.Priority.CompareTo(b.Priority);
        }

        return c != 0 ? c : PyStringComparer.Instance.Compare(a.Name, b.Name);
    }

    /// <summary>The host's merged variables and the sorted names of its groups (without all).</summary>
    public IReadOnlyDictionary<string, object?> ForHost(HostNode host, out string[] groupNames)
    {
        var set = GroupSetOf(host);
        groupNames = set.Names;
        List<Dictionary<string, object?>>? hostFiles = null;
        foreach (var dir in _hostVarsDirectories)
        {
            // Each host is looked up once, so its result is not worth remembering.
            var found = files.For(dir, host.Name, remember: false);
            if (found.Count > 0)
            {
                (hostFiles ??= []).AddRange(found);
            }
        }

        if (hostFiles is null && host.Vars.Keys.All(InternalNames.Contains))
        {
            return set.Vars.Count == 0 ? Empty : set.ReadOnlyVars;
        }

        var result = new Dictionary<string, object?>(set.Vars, StringComparer.Ordinal);
        Update(result, host.Vars);
        foreach (var file in hostFiles ?? [])
        {
            Update(result, file);
        }

        // The group part is already clean; only the host's own names can be internal ones.
        foreach (var key in host.Vars.Keys.Concat((hostFiles ?? []).SelectMany(f => f.Keys)))
        {
            if (InternalNames.Contains(key))
            {
                result.Remove(key);
            }
        }

        return new ReadOnlyDictionary<string, object?>(result);
    }

    private GroupSet GroupSetOf(HostNode host)
    {
        Span<char> orders = host.Groups.Count <= 256 ? stackalloc char[host.Groups.Count] : new char[host.Groups.Count];
        var n = 0;
        foreach (var g in host.Groups)
        {
            if (!ReferenceEquals(g, data.All))
            {
                orders[n++] = (char)g.Order;
            }
        }

        orders = orders[..n];
        orders.Sort();
        var key = new string(orders);
        if (_groupSets.TryGetValue(key, out var set))
        {
            return set;
        }

        var groups = host.Groups.Where(g => !ReferenceEquals(g, data.All)).ToList();
        groups.Sort(CompareGroups);
        var vars = new Dictionary<string, object?>(data.All.Vars, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            Update(vars, g.Vars);
        }

        foreach (var dir in _groupVarsDirectories)
        {
            foreach (var file in files.For(dir, "all"))
            {
                Update(vars, file);
            }
        }

        foreach (var dir in _groupVarsDirectories)
        {
            foreach (var g in groups)
            {
                foreach (var file in files.For(dir, g.Name))
                {
                    Update(vars, file);
                }
            }
        }

        RemoveInternal(vars);
        var names = groups.Select(g => g.Name).Order(PyStringComparer.Instance).ToArray();
        set = new GroupSet(vars, new ReadOnlyDictionary<string, object?>(vars), names);
        _groupSets[key] = set;
        return set;
    }

    /// <summary>A group's own variables (inventory plus group_vars), as --graph --vars shows them.</summary>
    public IReadOnlyDictionary<string, object?> ForGroup(GroupNode group)
    {
        var result = new Dictionary<string, object?>(group.Vars, StringComparer.Ordinal);
        foreach (var dir in _groupVarsDirectories)
        {
            foreach (var file in files.For(dir, group.Name))
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
        foreach (var dir in _groupVarsDirectories)
        {
            foreach (var file in files.For(dir, "all"))
            {
                Update(result, file);
            }
        }

        Update(result, host.Vars);
        foreach (var dir in _hostVarsDirectories)
        {
            foreach (var file in files.For(dir, host.Name))
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
