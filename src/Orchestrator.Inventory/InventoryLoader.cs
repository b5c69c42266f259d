using Orchestrator.Core.Vault;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Parsing;
using Orchestrator.Inventory.Vars;

namespace Orchestrator.Inventory;

/// <summary>Reads Ansible inventory sources into a <see cref="HostInventory"/>.</summary>
public static class InventoryLoader
{
    /// <summary>Loads and merges several <c>-i</c> sources (files or directories); a later source wins.</summary>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">A source is malformed; the message has file:line:column.</exception>
    public static HostInventory Load(IReadOnlyList<string> sources) => Load(sources, new InventoryLoadOptions());

    /// <summary>Loads several <c>-i</c> sources, decrypting Ansible Vault data with <paramref name="vault"/>.</summary>
    /// <param name="keepVaultedValues">Keep inline <c>!vault</c> values encrypted (listings print them as <c>__ansible_vault</c>); otherwise they are secrets decrypted on first use.</param>
    public static HostInventory Load(IReadOnlyList<string> sources, VaultDecryptor? vault, bool keepVaultedValues = false) =>
        Load(sources, new InventoryLoadOptions { Vault = vault, KeepVaultedValues = keepVaultedValues });

    /// <summary>Loads and merges several <c>-i</c> sources, with what constructed files and inventory scripts need.</summary>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">A source is malformed or a script fails; the message has file:line:column.</exception>
    public static HostInventory Load(IReadOnlyList<string> sources, InventoryLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        var data = new InventoryData { Vault = options.Vault is null ? InventoryVault.None : new InventoryVault(options.Vault, options.KeepVaultedValues) };

        foreach (var source in sources)
        {
            if (string.IsNullOrEmpty(source))
            {
                continue;
            }

            SourceParser.ParseSource(data, source, options);
        }

        data.Reconcile();
        return new HostInventory(data, sources.Where(s => !string.IsNullOrEmpty(s)).ToArray(), new VarsFiles(data.Warnings.Add, data.Vault), hostVariablesOverlay: options.ExtraVarsInHostVariables ? options.ExtraVars : null);
    }
}
