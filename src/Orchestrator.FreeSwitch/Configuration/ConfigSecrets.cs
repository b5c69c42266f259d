using FreeSwitch.Config;
using Orchestrator.Core.Secrets;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Configuration;

/// <summary>
/// The credentials a FreeSWITCH configuration holds, known by key: the event socket's <c>password</c>, gateway and
/// directory <c>password</c>s (what <c>auth-calls</c> checks), <c>vm-password</c>, digest hashes (<c>a1-hash</c>) and
/// pre-processor variables such as <c>default_password</c>. Whoever parses a host's configuration hands these to its
/// redactor, so a value read from the tree is never printed, whatever check or command brings it out.
/// </summary>
public static class ConfigSecrets
{
    // Credentials whose names say nothing of it.
    private static readonly HashSet<string> CredentialKeys = new(StringComparer.OrdinalIgnoreCase) { "a1-hash", "vm-a1-hash" };

    /// <summary>True for a param or variable name that holds a credential (<c>password</c>, <c>vm-password</c>, <c>a1-hash</c>).</summary>
    public static bool IsSecretKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CredentialKeys.Contains(name) || SecretNames.IsSecretName(name.Replace('-', '_'));
    }

    /// <summary>Every credential value in the configuration (params, variables and pre-processor variables).</summary>
    public static IEnumerable<string> Values(FreeSwitchConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var element in configuration.Document.Descendants())
        {
            if (element.Name.LocalName is "param" or "variable"
                && (string?)element.Attribute("name") is { } name && IsSecretKey(name)
                && (string?)element.Attribute("value") is { Length: > 0 } value)
            {
                yield return value;
            }
        }

        foreach (var (name, value) in configuration.Variables)
        {
            if (IsSecretKey(name) && value.Length > 0)
            {
                yield return value;
            }
        }
    }

    /// <summary>
    /// The credentials worth searching for in any text: vanilla's PINs (<c>1234</c>) would blank out port numbers, and
    /// its placeholder <c>password</c> the word itself. Under their keys they are hidden anyway.
    /// </summary>
    public static IReadOnlyList<Secret> Searchable(FreeSwitchConfiguration configuration) =>
        Values(configuration)
            .Where(v => v.Length >= 6 && !v.All(char.IsAsciiDigit) && !IsSecretKey(v))
            .Distinct(StringComparer.Ordinal)
            .Select(v => new Secret(v))
            .ToList();

    /// <summary>Adds the effective ESL password, and the configuration's other credentials, to <paramref name="redactor"/>.</summary>
    public static void Register(SecretRedactor redactor, FreeSwitchConfiguration? configuration, EffectiveSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        Register(redactor, settings, configuration is null ? [] : Searchable(configuration));
    }

    /// <summary>Adds what a host's facts know of its credentials (the collector finds them whenever it parses a tree).</summary>
    public static void Register(SecretRedactor redactor, FreeSwitchHostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(facts);
        Register(redactor, facts.Config, facts.ConfigCredentials);
    }

    private static void Register(SecretRedactor redactor, EffectiveSettings? settings, IReadOnlyList<Secret> credentials)
    {
        if (settings is not null)
        {
            redactor.Add(settings.EslPassword);
        }

        foreach (var credential in credentials)
        {
            redactor.Add(credential);
        }
    }
}
