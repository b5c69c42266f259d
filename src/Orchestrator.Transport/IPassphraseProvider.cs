using Orchestrator.Core.Secrets;

namespace Orchestrator.Transport;

/// <summary>Supplies the passphrase of an encrypted private key file.</summary>
public interface IPassphraseProvider
{
    /// <returns>The passphrase, or null when none is available (the key is then skipped).</returns>
    Secret? GetPassphrase(string keyFile);
}
