using System.Text.RegularExpressions;

namespace Orchestrator.Core.Secrets;

/// <summary>Which variable names hold secrets by name alone (the values are redacted wherever they appear).</summary>
public static partial class SecretNames
{
    /// <summary>
    /// Names that say password, passphrase, secret, token, API key or private key (<c>esl_password</c>,
    /// <c>api_token</c>), or end in <c>_pass</c> as Ansible's do (<c>ansible_ssh_pass</c>, <c>ansible_become_pass</c>),
    /// except file names (<c>ansible_ssh_private_key_file</c> names a path, not a key).
    /// </summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretNameRegex().IsMatch(name) && !name.EndsWith("_file", StringComparison.OrdinalIgnoreCase);
    }

    // "pass" only as a whole last word: ansible_ssh_pass, db-pass, but not bypass or compass.
    [GeneratedRegex("(?i)(password|passwd|passphrase|secret|token|api_?key|private_key|(^|[_.-])pass$)")]
    private static partial Regex SecretNameRegex();
}
