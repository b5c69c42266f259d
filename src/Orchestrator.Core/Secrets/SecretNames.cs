using System.Text.RegularExpressions;

namespace Orchestrator.Core.Secrets;

/// <summary>Which variable names hold secrets by name alone (the values are redacted wherever they appear).</summary>
public static partial class SecretNames
{
    /// <summary>
    /// Names that say password, passphrase, secret, token, API key or private key (<c>esl_password</c>,
    /// <c>api_token</c>), except file names (<c>ansible_ssh_private_key_file</c> names a path, not a key).
    /// </summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretNameRegex().IsMatch(name) && !name.EndsWith("_file", StringComparison.Ordinal);
    }

    [GeneratedRegex("(?i)(password|passwd|passphrase|secret|token|api_?key|private_key)")]
    private static partial Regex SecretNameRegex();
}
