namespace Orchestrator.Inventory.Model;

/// <summary>A host while the inventory is being built; mirrors ansible/inventory/host.py.</summary>
internal sealed class HostNode
{
    private readonly HashSet<GroupNode> _groupSet = [];

    public HostNode(string name, int order, int? port)
    {
        Name = name;
        Order = order;
        if (port is { } p)
        {
            Vars["ansible_port"] = (long)p;
        }
    }

    public string Name { get; }

    public int Order { get; }

    /// <summary>The implicit localhost Ansible creates when a pattern names localhost and no such host exists.</summary>
    public bool Implicit { get; init; }

    /// <summary>The first inventory source the host was found in (Ansible's inventory_file).</summary>
    public string? Source { get; set; }

    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    /// <summary>The groups the host is in, directly or as an ancestor of one, in the order Ansible adds them.</summary>
    public List<GroupNode> Groups { get; } = [];

    public bool InGroup(GroupNode group) => _groupSet.Contains(group);

    public override string ToString() => Name;

    public override int GetHashCode() => Order;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public void AddGroups(IEnumerable<GroupNode> groups)
    {
        foreach (var g in groups)
        {
            if (_groupSet.Add(g))
            {
                Groups.Add(g);
            }
        }
    }

    public bool AddGroup(GroupNode group)
    {
        AddGroups(group.GetAncestors());
        if (!_groupSet.Add(group))
        {
            return false;
        }

        Groups.Add(group);
        return true;
    }

    public bool RemoveGroup(GroupNode group)
    {
        if (!_groupSet.Remove(group))
        {
            return false;
        }

        Groups.Remove(group);
        // Drop ancestors that no remaining group still leads to, except 'all'.
        foreach (var old in group.GetAncestors())
        {
            if (old.Name == "all")
            {
                continue;
            }

            if (!Groups.Any(g => g.GetAncestors().Contains(old)))
            {
                RemoveGroup(old);
            }
        }

        return true;
    }

    public void SetVariable(string key, object? value) => Vars[key] = value;
}
