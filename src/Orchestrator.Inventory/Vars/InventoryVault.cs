using Orchestrator.Core.Errors;
using Orchestrator.Core.Vault;

namespace Orchestrator.Inventory.Vars;

/// <summary>
/// How one inventory load treats Ansible Vault data: whole encrypted files (inventory sources, group_vars,
/// host_vars) are decrypted as they are read and every value in them registered as a secret; an inline
/// <c>!vault</c> value is a lazy <see cref="Core.Secrets.Secret"/>, or, for listings, a <see cref="VaultedValue"/>
/// printed as <c>{"__ansible_vault": ...}</c> as ansible-inventory prints it.
/// </summary>
internal sealed class InventoryVault(VaultDecryptor decryptor, bool keepVaultedValues)
{
    public static InventoryVault None { get; } = new(VaultDecryptor.None, keepVaultedValues: false);

    /// <summary>The value of an inline <c>!vault</c> scalar.</summary>
    public object Inline(string vaultText, SourceLocation at) =>
        keepVaultedValues ? new VaultedValue(vaultText, at, decryptor) : decryptor.InlineSecret(vaultText, at);

    /// <summary>The text of a file, decrypted when it is a vault envelope.</summary>
    public string FileText(string text, string path) =>
        VaultEnvelope.IsEncrypted(text) ? decryptor.DecryptText(text, new SourceLocation(path, 0, 0)) : text;

    /// <summary>Registers the values parsed from a decrypted file as secrets (a no-op for plain files).</summary>
    public void RegisterIfEncrypted(string originalText, object? data)
    {
        if (VaultEnvelope.IsEncrypted(originalText))
        {
            decryptor.RegisterSecrets(data);
        }
    }
}
