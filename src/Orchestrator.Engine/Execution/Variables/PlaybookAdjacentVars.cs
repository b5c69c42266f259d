using Orchestrator.Engine.Model;
using Orchestrator.Inventory;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// A host's inventory variables for one play, with the <c>group_vars/</c> and <c>host_vars/</c> beside the play's
/// playbook file merged in at Ansible's levels (the vars plugin runs with the play's basedir, so a play from an
/// imported playbook sees the directories beside that playbook). Orchestrator.Inventory reads and interleaves them.
/// </summary>
internal sealed class PlaybookAdjacentVars
{
    private readonly HostInventory? _inventory;

    public PlaybookAdjacentVars(HostInventory? inventory, Play play)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(play.Location.File));

        // Without either directory the inventory's own variables are already the answer.
        if (inventory is not null && directory is not null &&
            (Directory.Exists(Path.Combine(directory, "group_vars")) || Directory.Exists(Path.Combine(directory, "host_vars"))))
        {
            _inventory = inventory.WithPlaybookDirectory(directory);
        }
    }

    public IReadOnlyDictionary<string, object?> For(HostState host)
    {
        if (_inventory is null)
        {
            return host.Host.Variables;
        }

        var found = _inventory.FindHost(host.Name) ??
            (host.Host.IsImplicit ? _inventory.SelectHosts(host.Name).FirstOrDefault(h => h.IsImplicit) : null);
        return found?.Variables ?? host.Host.Variables;
    }
}
