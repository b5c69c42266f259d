using Orchestrator.Core.Configuration;
using Orchestrator.Core.Errors;

namespace Orchestrator.Cli.Commands;

/// <summary>The inventory sources of a command: <c>-i</c> when given, else ansible.cfg's <c>inventory</c> (or <c>ANSIBLE_INVENTORY</c>).</summary>
internal static class ConfiguredInventory
{
    /// <exception cref="UserInputException">Neither names an inventory.</exception>
    public static IReadOnlyList<string> Sources(IReadOnlyList<string> fromCommandLine, AnsibleConfiguration config)
    {
        if (fromCommandLine.Count > 0)
        {
            return fromCommandLine;
        }

        if (config.Inventory.Count > 0)
        {
            return config.Inventory;
        }

        var file = config.ConfigFile is { } path ? $"{path} has no [defaults] inventory" : "no ansible.cfg was found ($ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg)";
        throw new UserInputException($"no inventory: give -i/--inventory, or set inventory in ansible.cfg ([defaults] inventory = FILE) or ANSIBLE_INVENTORY; {file}");
    }
}
