namespace Orchestrator.Inventory;

/// <summary>One host with its fully merged variables (what <c>_meta.hostvars</c> shows).</summary>
public sealed class InventoryHost
{
    public required string Name { get; init; }

    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    /// <summary>Names of every group the host belongs to, directly or through children, without <c>all</c>, sorted (Ansible's group_names).</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>The full path of the first inventory source that listed the host (Ansible's inventory_file), when it came from a file.</summary>
    public string? InventorySource { get; init; }

    /// <summary>True for the implicit localhost a pattern naming <c>localhost</c> yields when the inventory has none.</summary>
    public bool IsImplicit { get; init; }

    public override string ToString() => Name;
}
