using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Output;

/// <summary>The ansible-inventory views of a loaded inventory: --list, --host, --graph and --list-hosts.</summary>
public static class InventoryListing
{
    /// <summary>
    /// The <c>--list</c> document: each group with its direct <c>hosts</c> and its <c>children</c> (groups with
    /// neither are left out, but stay listed as children), and <c>_meta.hostvars</c> with the merged variables
    /// of every host that has any. With a limit, only matching hosts are listed (ansible-core 2.15+ behaviour).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> List(HostInventory inventory, string? limit = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var hosts = limit is null ? inventory.Hosts : inventory.SelectHosts("all", limit);
        var available = new HashSet<string>(hosts.Select(h => h.Name), StringComparer.Ordinal);
        var results = new Dictionary<string, object?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        FormatGroup(inventory.Data.All, available, results, seen);
        var hostvars = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            if (host.Variables.Count > 0)
            {
                hostvars[host.Name] = host.Variables;
            }
        }

        results["_meta"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["hostvars"] = hostvars };
        return results;
    }

    /// <summary>
    /// The <c>--list --yaml</c> document, shaped like ansible-inventory's: nested <c>children</c> and
    /// <c>hosts</c> with each host's variables at its first appearance, so it reads back as a YAML inventory.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> ListYamlShape(HostInventory inventory, string? limit = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var hosts = limit is null ? inventory.Hosts : inventory.SelectHosts("all", limit);
        var available = new HashSet<string>(hosts.Select(h => h.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return YamlGroup(inventory, inventory.Data.All, available, seen);
    }

    private static Dictionary<string, object?> YamlGroup(HostInventory inventory, GroupNode group, HashSet<string> available, HashSet<string> seen)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal);
        var children = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var sub in group.Children)
        {
            if (sub.Name != "all")
            {
                foreach (var (k, v) in YamlGroup(inventory, sub, available, seen))
                {
                    children[k] = v;
                }
            }
        }

        if (children.Count > 0)
        {
            entry["children"] = children;
        }

        var hosts = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (group.Name != "all")
        {
            foreach (var h in group.Hosts.Where(h => available.Contains(h.Name)))
            {
                hosts[h.Name] = seen.Add(h.Name) ? inventory.HostFor(h).Variables : new Dictionary<string, object?>();
            }
        }

        if (hosts.Count > 0)
        {
            entry["hosts"] = hosts;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal) { [group.Name] = entry };
    }

    private static void FormatGroup(GroupNode group, HashSet<string> available, Dictionary<string, object?> results, HashSet<string> seen)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (group.Name != "all")
        {
            var hosts = group.Hosts.Where(h => available.Contains(h.Name)).Select(h => h.Name).ToList();
            if (hosts.Count > 0)
            {
                entry["hosts"] = hosts;
            }
        }

        var children = new List<object?>();
        foreach (var sub in group.Children)
        {
            children.Add(sub.Name);
            if (seen.Add(sub.Name))
            {
                FormatGroup(sub, available, results, seen);
            }
        }

        if (children.Count > 0)
        {
            entry["children"] = children;
        }

        if (entry.Count > 0)
        {
            results[group.Name] = entry;
        }
        else
        {
            results.Remove(group.Name);
        }
    }

    /// <summary>The <c>--host</c> document: the merged variables of the single host the pattern names.</summary>
    /// <exception cref="UserInputException">The pattern matches no host or more than one.</exception>
    public static IReadOnlyDictionary<string, object?> Host(HostInventory inventory, string host, string? limit = null, Action<string>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var matches = inventory.SelectHosts(host, limit, onWarning);
        if (matches.Count != 1)
        {
            throw new UserInputException(
                $"found {matches.Count} hosts matching '{host}'; expected exactly one host for --host",
                new SourceLocation("--host", 1, 1));
        }

        return matches[0].Variables;
    }

    /// <summary>
    /// The <c>--graph</c> tree from <paramref name="groupName"/>: child groups first, then the group's direct
    /// hosts (never for <c>all</c>), then with <paramref name="withVars"/> the host and group variables.
    /// </summary>
    /// <exception cref="UserInputException">No group has that name.</exception>
    public static InventoryGraphNode Graph(HostInventory inventory, string groupName = "all", bool withVars = false, string? limit = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (!inventory.Data.Groups.TryGetValue(groupName, out var start))
        {
            throw new UserInputException(
                $"found '{groupName}', which is not a group of this inventory; expected a group name for --graph (for example all)",
                new SourceLocation("--graph", 1, 1));
        }

        HashSet<string>? available = limit is null ? null : [.. inventory.SelectHosts("all", limit).Select(h => h.Name)];
        return GraphGroup(inventory, start, withVars, available);
    }

    private static InventoryGraphNode GraphGroup(HostInventory inventory, GroupNode group, bool withVars, HashSet<string>? available)
    {
        var children = new List<InventoryGraphNode>();
        foreach (var kid in group.Children)
        {
            children.Add(GraphGroup(inventory, kid, withVars, available));
        }

        if (group.Name != "all")
        {
            foreach (var h in group.Hosts)
            {
                if (available is not null && !available.Contains(h.Name))
                {
                    continue;
                }

                var hostVars = withVars ? VariableNodes(inventory.HostFor(h).Variables) : [];
                children.Add(new InventoryGraphNode(h.Name, InventoryGraphNodeKind.Host, hostVars));
            }
        }

        if (withVars)
        {
            children.AddRange(VariableNodes(inventory.Groups[group.Name].Variables));
        }

        return new InventoryGraphNode("@" + group.Name + ":", InventoryGraphNodeKind.Group, children);
    }

    private static List<InventoryGraphNode> VariableNodes(IReadOnlyDictionary<string, object?> vars) =>
        vars.Keys.Order(PyStringComparer.Instance)
            .Select(k => new InventoryGraphNode("{" + k + " = " + PyData.Str(vars[k]) + "}", InventoryGraphNodeKind.Variable, []))
            .ToList();

    /// <summary>The hosts of <c>ansible PATTERN --list-hosts</c>, in the same format.</summary>
    public static string ListHosts(IReadOnlyList<InventoryHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var sb = new System.Text.StringBuilder();
        sb.Append("  hosts (").Append(hosts.Count).Append("):\n");
        foreach (var h in hosts)
        {
            sb.Append("    ").Append(h.Name).Append('\n');
        }

        return sb.ToString();
    }
}
