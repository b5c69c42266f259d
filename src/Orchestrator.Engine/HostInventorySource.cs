using Orchestrator.Inventory;

namespace Orchestrator.Engine;

/// <summary>A loaded <see cref="HostInventory"/> as the engine's inventory source.</summary>
internal sealed class HostInventorySource(HostInventory inventory) : IInventorySource
{
    public IReadOnlyList<InventoryHost> Hosts => inventory.Hosts;

    public IReadOnlyDictionary<string, InventoryGroup> Groups => inventory.Groups;

    public IReadOnlyList<InventoryHost> SelectHosts(string pattern, string? limit = null, Action<string>? onWarning = null) =>
        inventory.SelectHosts(pattern, limit, onWarning);

    public InventoryHost? FindHost(string name) => inventory.FindHost(name);
}
