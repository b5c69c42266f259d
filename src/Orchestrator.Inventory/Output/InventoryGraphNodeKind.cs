namespace Orchestrator.Inventory.Output;

/// <summary>What a line of an inventory graph shows.</summary>
public enum InventoryGraphNodeKind
{
    Group,
    Host,
    Variable,
}
