using Orchestrator.Inventory;

namespace Orchestrator.Engine;

/// <summary>The inventory as the engine needs it.</summary>
internal interface IInventorySource
{
    IReadOnlyList<InventoryHost> Hosts { get; }

    IReadOnlyDictionary<string, InventoryGroup> Groups { get; }

    IReadOnlyList<InventoryHost> SelectHosts(string pattern, string? limit = null, Action<string>? onWarning = null);

    InventoryHost? FindHost(string name);
}
