using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Vault;

/// <summary>
/// An inline <c>!vault</c> value as the inventory listing keeps it: its ciphertext (printed as
/// <c>{"__ansible_vault": ...}</c>, as ansible-inventory does) and the secret it decrypts to on first use.
/// </summary>
public sealed class VaultedValue
{
    public VaultedValue(string ciphertext, SourceLocation location, VaultDecryptor vault)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(vault);
        Ciphertext = ciphertext;
        Location = location;
        Secret = vault.InlineSecret(ciphertext, location);
    }

    public string Ciphertext { get; }

    public SourceLocation Location { get; }

    public Secret Secret { get; }

    public override string ToString() => Secret.Redacted;
}
