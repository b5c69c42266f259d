namespace Orchestrator.Core.Vault;

/// <summary>One vault password and the vault id (label) it was given for (Ansible's <c>--vault-id label@source</c>).</summary>
public sealed class VaultSecret
{
    /// <summary>The id of a password given without a label, and of 1.1 envelopes.</summary>
    public const string DefaultLabel = "default";

    public VaultSecret(string label, byte[] password)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(password);
        Label = label;
        Password = password;
    }

    public string Label { get; }

    /// <summary>The password bytes. Never log them.</summary>
    internal byte[] Password { get; }

    public override string ToString() => $"vault secret '{Label}'";
}
