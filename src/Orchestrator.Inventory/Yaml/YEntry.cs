namespace Orchestrator.Inventory.Yaml;

/// <summary>One key of a mapping after merge keys and duplicates are resolved (first position, last value).</summary>
internal readonly record struct YEntry(YNode KeyNode, object? Key, YNode ValueNode);
