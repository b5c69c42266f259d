namespace Orchestrator.Inventory;

/// <summary>
/// Hosts, groups and merged variables loaded from one or more Ansible inventory sources.
/// Variable values are plain data: null, bool, long, double, string, List&lt;object?&gt; and
/// Dictionary&lt;string, object?&gt; (nested), exactly as ansible-inventory would print them in JSON.
/// </summary>
public sealed class HostInventory
{
    /// <summary>Every host, in the order Ansible lists them under <c>all</c>.</summary>
    public IReadOnlyList<InventoryHost> Hosts => throw new NotImplementedException();

    /// <summary>Every group by name, including <c>all</c> and <c>ungrouped</c>.</summary>
    public IReadOnlyDictionary<string, InventoryGroup> Groups => throw new NotImplementedException();

    public InventoryHost? FindHost(string name) => throw new NotImplementedException();

    /// <summary>
    /// Hosts matching an Ansible host pattern (<c>all</c>, globs, <c>~regex</c>, <c>a:b</c>, <c>a:&amp;b</c>,
    /// <c>a:!b</c>, slices, <c>@file</c>), in inventory order.
    /// </summary>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">The pattern is malformed.</exception>
    public IReadOnlyList<InventoryHost> SelectHosts(string pattern) => throw new NotImplementedException();
}

/// <summary>One host with its fully merged variables (what <c>_meta.hostvars</c> shows).</summary>
public sealed class InventoryHost
{
    public required string Name { get; init; }

    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    /// <summary>Names of every group the host belongs to, directly or through children, without <c>all</c>.</summary>
    public required IReadOnlyList<string> Groups { get; init; }
}

public sealed class InventoryGroup
{
    public required string Name { get; init; }

    /// <summary>Hosts listed directly in this group.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    public required IReadOnlyList<string> Children { get; init; }

    /// <summary>The group's own variables (inventory file plus group_vars), not merged with parents.</summary>
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }
}

public static class InventoryLoader
{
    /// <summary>Loads and merges several <c>-i</c> sources (files or directories); a later source wins.</summary>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">A source is malformed; the message has file:line:column.</exception>
    public static HostInventory Load(IReadOnlyList<string> sources) => throw new NotImplementedException();
}
