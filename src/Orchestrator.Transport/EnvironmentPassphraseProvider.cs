using Orchestrator.Core.Secrets;

namespace Orchestrator.Transport;

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
