namespace Orchestrator.Inventory.Model;

/// <summary>
/// A group while the inventory is being built; mirrors ansible/inventory/group.py (depth, priority,
/// parents and children, direct hosts, and the hosts of the group and all its descendants).
/// </summary>
internal sealed class GroupNode(string name, int order, InventoryData owner)
{
    private List<HostNode>? _hostsCache;
    private HashSet<GroupNode>? _ancestorsCache;
    private int _ancestorsVersion = -1;

    public string Name { get; } = name;

    /// <summary>Creation order, which is Ansible's dictionary order of groups.</summary>
    public int Order { get; } = order;

    public int Depth { get; set; }

    public int Priority { get; set; } = 1;

    public List<HostNode> Hosts { get; } = [];

    public HashSet<string> HostNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables written in the inventory sources themselves.</summary>
    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    public List<GroupNode> Children { get; } = [];

    public List<GroupNode> Parents { get; } = [];

    public override string ToString() => Name;

    // Reference equality with the creation order as hash: cheaper than the object header hash in hot sets.
    public override int GetHashCode() => Order;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public HashSet<GroupNode> GetAncestors()
    {
        if (_ancestorsCache is not null && _ancestorsVersion == owner.GraphVersion)
        {
            return _ancestorsCache;
        }

        var seen = new HashSet<GroupNode>();
        var stack = new Stack<GroupNode>(Parents);
        while (stack.Count > 0)
        {
            var g = stack.Pop();
            if (seen.Add(g))
            {
                foreach (var p in g.Parents)
                {
                    stack.Push(p);
                }
            }
        }

        _ancestorsCache = seen;
        _ancestorsVersion = owner.GraphVersion;
        return seen;
    }

    /// <summary>
    /// The group and its descendants, breadth first. Ansible walks each level as a Python set, so its order
    /// below the first level is not stable between runs; here the order is that of the parents, then their
    /// children lists. <paramref name="ambiguous"/> tells whether Ansible's order could differ.
    /// </summary>
    public List<GroupNode> GetDescendantsOrdered(bool includeSelf, out bool ambiguous)
    {
        ambiguous = false;
        var ordered = new List<GroupNode>();
        if (includeSelf)
        {
            ordered.Add(this);
        }

        ordered.AddRange(Children);
        var seen = new HashSet<GroupNode>();
        var unprocessed = new List<GroupNode>(Children);
        if (includeSelf)
        {
            unprocessed.Add(this);
        }

        while (unprocessed.Count > 0)
        {
            foreach (var g in unprocessed)
            {
                seen.Add(g);
            }

            var next = new List<GroupNode>();
            var nextSet = new HashSet<GroupNode>();
            var contributors = 0;
            foreach (var g in unprocessed)
            {
                var contributed = false;
                foreach (var child in g.Children)
                {
                    if (seen.Contains(child))
                    {
                        continue;
                    }

                    contributed = true;
                    if (nextSet.Add(child))
                    {
                        ordered.Add(child);
                        next.Add(child);
                    }
                }

                if (contributed)
                {
                    contributors++;
                }
            }

            if (contributors > 1)
            {
                ambiguous = true;
            }

            unprocessed = next;
        }

        return ordered;
    }

    public bool AddChildGroup(GroupNode group)
    {
        if (ReferenceEquals(this, group))
        {
            throw new InventoryGraphException($"found group '{Name}' listed as a child of itself; expected a different group");
        }

        if (Children.Contains(group))
        {
            return false;
        }

        var startAncestors = group.GetAncestors();
        var newAncestors = new HashSet<GroupNode>(GetAncestors());
        if (newAncestors.Contains(group))
        {
            throw new InventoryGraphException(
                $"found group '{group.Name}' as a child of '{Name}', which creates a recursive dependency loop; expected groups to form a tree without cycles");
        }

        newAncestors.Add(this);
        newAncestors.ExceptWith(startAncestors);
        Children.Add(group);
        group.Depth = Math.Max(Depth + 1, group.Depth);
        group.CheckChildrenDepth();
        if (!group.Parents.Any(p => p.Name == Name))
        {
            group.Parents.Add(this);
            owner.GraphVersion++;
            foreach (var h in group.GetHosts())
            {
                h.AddGroups(newAncestors);
            }
        }

        owner.GraphVersion++;
        ClearHostsCache();
        return true;
    }

    private void CheckChildrenDepth()
    {
        var depth = Depth;
        var startDepth = Depth;
        var seen = new HashSet<GroupNode>();
        var unprocessed = new HashSet<GroupNode>(Children);
        while (unprocessed.Count > 0)
        {
            seen.UnionWith(unprocessed);
            depth++;
            var toProcess = unprocessed;
            unprocessed = [];
            foreach (var g in toProcess)
            {
                if (g.Depth < depth)
                {
                    g.Depth = depth;
                    unprocessed.UnionWith(g.Children);
                }
            }

            if (depth - startDepth > seen.Count)
            {
                throw new InventoryGraphException($"found group '{Name}' in a recursive dependency loop; expected groups to form a tree without cycles");
            }
        }
    }

    public bool AddHost(HostNode host)
    {
        if (!HostNames.Add(host.Name))
        {
            return false;
        }

        Hosts.Add(host);
        host.AddGroup(this);
        ClearHostsCache();
        return true;
    }

    public bool RemoveHost(HostNode host)
    {
        if (!HostNames.Remove(host.Name))
        {
            return false;
        }

        Hosts.Remove(host);
        host.RemoveGroup(this);
        ClearHostsCache();
        return true;
    }

    /// <summary>Ansible's Group.set_variable: <c>ansible_group_priority</c> sets the priority and is not stored.</summary>
    public void SetVariable(string key, object? value)
    {
        if (key == "ansible_group_priority")
        {
            Priority = ToPriority(value);
        }
        else
        {
            Vars[key] = value;
        }
    }

    // Python's int(value) for the values an inventory can hold.
    private int ToPriority(object? value)
    {
        switch (value)
        {
            case bool b:
                return b ? 1 : 0;
            case long l when l is >= int.MinValue and <= int.MaxValue:
                return (int)l;
            case double d when double.IsFinite(d) && Math.Abs(d) < int.MaxValue:
                return (int)Math.Truncate(d);
            case string s when int.TryParse(s.Trim().Replace("_", "", StringComparison.Ordinal), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var i)
                && !s.Contains("__", StringComparison.Ordinal):
                return i;
            default:
                throw new InventoryGraphException(
                    $"found ansible_group_priority = {Python.PyData.Repr(value)} for group '{Name}'; expected a whole number");
        }
    }

    private void ClearHostsCache()
    {
        _hostsCache = null;
        foreach (var g in GetAncestors())
        {
            g._hostsCache = null;
        }
    }

    /// <summary>True when Ansible's order of <see cref="GetHosts"/> for this group can differ between runs.</summary>
    public bool HostOrderAmbiguous
    {
        get
        {
            GetHosts();
            return _hostsAmbiguous;
        }
    }

    private bool _hostsAmbiguous;

    /// <summary>Hosts of this group and all its descendants, without duplicates (Ansible's get_hosts).</summary>
    public List<HostNode> GetHosts()
    {
        if (_hostsCache is not null)
        {
            return _hostsCache;
        }

        var hosts = new List<HostNode>();
        var seen = new HashSet<HostNode>();
        foreach (var kid in GetDescendantsOrdered(includeSelf: true, out _hostsAmbiguous))
        {
            foreach (var h in kid.Hosts)
            {
                if (seen.Add(h) && !(Name == "all" && h.Implicit))
                {
                    hosts.Add(h);
                }
            }
        }

        _hostsCache = hosts;
        return hosts;
    }
}
