using Orchestrator.Core.Secrets;

namespace Orchestrator.Transport;

/// <summary>Supplies the passphrase of an encrypted private key file.</summary>
public interface IPassphraseProvider
{
    /// <returns>The passphrase, or null when none is available (the key is then skipped).</returns>
    Secret? GetPassphrase(string keyFile);
}

/// <summary>Reads the passphrase from <see cref="VariableName"/>; the same one is used for every encrypted key.</summary>
public sealed class EnvironmentPassphraseProvider : IPassphraseProvider
{
    public const string VariableName = "ORCHESTRATOR_SSH_PASSPHRASE";

    public Secret? GetPassphrase(string keyFile)
    {
        var value = Environment.GetEnvironmentVariable(VariableName);
        return string.IsNullOrEmpty(value) ? null : new Secret(value);
    }
}
