namespace Orchestrator.Inventory;

/// <summary>One group as loaded: its direct hosts, children, own variables and place in the merge order.</summary>
public sealed class InventoryGroup
{
    public required string Name { get; init; }

    /// <summary>Hosts listed directly in this group.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    public required IReadOnlyList<string> Children { get; init; }

    /// <summary>The group's own variables (inventory file plus group_vars), not merged with parents.</summary>
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    /// <summary>Direct parent groups (every group but <c>all</c> has at least one).</summary>
    public IReadOnlyList<string> Parents { get; init; } = [];

    /// <summary>Length of the longest path from <c>all</c> (0 for <c>all</c>), the first key of Ansible's merge order.</summary>
    public int Depth { get; init; }

    /// <summary>ansible_group_priority as set in the inventory (default 1), the second key of the merge order.</summary>
    public int Priority { get; init; } = 1;

    public override string ToString() => Name;
}
