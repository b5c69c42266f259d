namespace Orchestrator.Inventory.Model;

/// <summary>A problem with the group graph (a cycle, a bad priority); the parser adds the location.</summary>
internal sealed class InventoryGraphException(string message) : Exception(message);
