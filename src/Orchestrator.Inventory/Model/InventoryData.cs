using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;

namespace Orchestrator.Inventory.Model;

/// <summary>
/// Hosts and groups as the sources are parsed; mirrors ansible/inventory/data.py, including the
/// implicit <c>all</c> and <c>ungrouped</c> groups and the reconciliation that runs after parsing.
/// </summary>
internal sealed class InventoryData
{
    /// <summary>The names Ansible treats as localhost (C.LOCALHOST).</summary>
    public static readonly IReadOnlySet<string> LocalhostNames = new HashSet<string>(StringComparer.Ordinal) { "127.0.0.1", "localhost", "::1" };

    public InventoryData()
    {
        All = AddGroup("all");
        Ungrouped = AddGroup("ungrouped");
        All.AddChildGroup(Ungrouped);
    }

    /// <summary>Bumped whenever a parent/child edge is added, to invalidate cached ancestor sets.</summary>
    public int GraphVersion { get; set; }

    public OrderedDictionary<string, GroupNode> Groups { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, HostNode> Hosts { get; } = new(StringComparer.Ordinal);

    public GroupNode All { get; }

    public GroupNode Ungrouped { get; }

    /// <summary>The first host named like localhost; patterns naming localhost resolve to it.</summary>
    public HostNode? Localhost { get; private set; }

    /// <summary>The source being parsed, recorded on the hosts it introduces.</summary>
    public string? CurrentSource { get; set; }

    public List<string> Warnings { get; } = [];

    /// <summary>The source files read so far, in order (Ansible's processed_sources, which constructed's use_vars_plugins reads).</summary>
    public List<string> ProcessedSources { get; } = [];

    /// <summary>How this load decrypts Ansible Vault data (none: any vault data is an error when used).</summary>
    public Vars.InventoryVault Vault { get; init; } = Vars.InventoryVault.None;

    public GroupNode AddGroup(string name)
    {
        if (Groups.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var group = new GroupNode(name, Groups.Count, this);
        Groups.Add(name, group);
        return group;
    }

    /// <summary>Adds the host if it is new (the port only applies then, as in Ansible) and puts it in the group.</summary>
    public HostNode AddHost(string name, GroupNode? group, int? port)
    {
        if (!Hosts.TryGetValue(name, out var host))
        {
            if (Hosts.Count >= ReaderLimits.MaxHosts)
            {
                throw new InputLimitException(
                    $"found more than {ReaderLimits.MaxHosts:N0} hosts (at '{name}'); expected at most {ReaderLimits.MaxHosts:N0} hosts in one inventory (the readers' host limit)",
                    new SourceLocation(CurrentSource ?? "the inventory", 0, 0));
            }

            host = new HostNode(name, Hosts.Count, port) { Source = CurrentSource };
            Hosts.Add(name, host);
            if (LocalhostNames.Contains(name))
            {
                if (Localhost is null)
                {
                    Localhost = host;
                }
                else
                {
                    Warnings.Add($"A duplicate localhost-like entry was found ({name}). First found localhost was {Localhost.Name}");
                }
            }
        }

        group?.AddHost(host);
        return host;
    }

    /// <summary>
    /// Ansible's InventoryData.set_variable: the name is looked up among groups first, so a host named like a
    /// group has its variables set on the group, exactly as Ansible does.
    /// </summary>
    public void SetVariable(string entity, string key, object? value)
    {
        if (Groups.TryGetValue(entity, out var group))
        {
            group.SetVariable(key, value);
        }
        else if (Hosts.TryGetValue(entity, out var host))
        {
            host.SetVariable(key, value);
        }
        else
        {
            throw new InventoryGraphException($"found variable '{key}' for '{entity}', which is not a known host nor group; expected a defined host or group");
        }
    }

    /// <summary>Ansible's add_child: a child group, or a host when no group has that name.</summary>
    public void AddChild(GroupNode parent, string child)
    {
        if (Groups.TryGetValue(child, out var childGroup))
        {
            parent.AddChildGroup(childGroup);
        }
        else if (Hosts.TryGetValue(child, out var host))
        {
            parent.AddHost(host);
        }
        else
        {
            throw new InventoryGraphException($"found '{child}' as a child of group '{parent.Name}', but it is not a known host nor group; expected a group defined in the inventory");
        }
    }

    /// <summary>Ansible's reconcile_inventory: top-level groups under all, and the ungrouped bookkeeping.</summary>
    public void Reconcile()
    {
        CurrentSource = null;
        foreach (var group in Groups.Values)
        {
            if (!ReferenceEquals(group, All) && group.GetAncestors().Count == 0)
            {
                All.AddChildGroup(group);
            }
        }

        foreach (var host in Hosts.Values)
        {
            var groups = host.Groups;
            if (host.InGroup(Ungrouped))
            {
                if (groups.Any(g => !ReferenceEquals(g, All) && !ReferenceEquals(g, Ungrouped)))
                {
                    Ungrouped.RemoveHost(host);
                }
            }
            else if (!host.Implicit && (groups.Count == 0 || (groups.Count == 1 && host.InGroup(All))))
            {
                Ungrouped.AddHost(host);
            }
        }

        foreach (var name in Groups.Keys)
        {
            if (Hosts.ContainsKey(name))
            {
                Warnings.Add($"Found both group and host with same name: {name}");
            }
        }
    }
}
