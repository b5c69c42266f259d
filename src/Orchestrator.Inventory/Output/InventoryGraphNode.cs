namespace Orchestrator.Inventory.Output;

/// <summary>A node of <c>--graph</c>: a group (<c>@name:</c>), a host, or a <c>{name = value}</c> variable.</summary>
public sealed record InventoryGraphNode(string Label, InventoryGraphNodeKind Kind, IReadOnlyList<InventoryGraphNode> Children);
