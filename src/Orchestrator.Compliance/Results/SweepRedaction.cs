using System.Collections;
using Orchestrator.Core.Secrets;
using Orchestrator.FreeSwitch.Configuration;

namespace Orchestrator.Compliance.Results;

/// <summary>
/// The one place a pass's result is redacted: <see cref="Sweeping.SweepPass"/> returns only what this gives, so the
/// history, every report, the console, the metrics and the log see the same redacted result. Secrets are known by
/// value (the redactor: inventory secrets, the hosts' configuration credentials) and by key: an evidence entry under
/// a secret name, and the <c>value</c>/<c>expected</c> of a <c>param</c> that is a credential (<c>config_param</c> on
/// the ESL password), whose value is also registered so the message and other hosts' evidence lose it too.
/// </summary>
internal static class SweepRedaction
{
    public static SweepResult Redact(SweepResult result, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(redactor);
        foreach (var control in result.AllResults)
        {
            RegisterKeyedSecrets(control.Evidence, redactor);
        }

        return result with
        {
            PolicyName = redactor.Redact(result.PolicyName),
            Controls = [.. result.Controls.Select(c => c with
            {
                Title = redactor.Redact(c.Title),
                Description = redactor.Redact(c.Description),
                Remediation = redactor.Redact(c.Remediation),
            })],
            Hosts = [.. result.Hosts.Select(h => Redact(h, redactor))],
        };
    }

    private static HostResult Redact(HostResult host, SecretRedactor redactor) => host with
    {
        Host = redactor.Redact(host.Host),
        Error = host.Error is null ? null : redactor.Redact(host.Error),
        Ports = host.Ports is null ? null : host.Ports with { Placement = redactor.Redact(host.Ports.Placement) },
        Controls = [.. host.Controls.Select(c => c with
        {
            Host = redactor.Redact(c.Host),
            Message = redactor.Redact(c.Message),
            Evidence = RedactMap(c.Evidence, redactor),
            Waiver = c.Waiver is null ? null : c.Waiver with { Justification = redactor.Redact(c.Waiver.Justification) },
        })],
    };

    private static void RegisterKeyedSecrets(IReadOnlyDictionary<string, object?> evidence, SecretRedactor redactor)
    {
        if (IsCredentialParam(evidence))
        {
            SecretCollector.AddValue(redactor, evidence.GetValueOrDefault("value"));
        }

        foreach (var (key, value) in evidence)
        {
            if (SecretNames.IsSecretName(key))
            {
                SecretCollector.AddValue(redactor, value);
            }
        }
    }

    private static bool IsCredentialParam(IReadOnlyDictionary<string, object?> evidence) =>
        evidence.GetValueOrDefault("param") is string param && ConfigSecrets.IsSecretKey(param);

    private static Dictionary<string, object?> RedactMap(IReadOnlyDictionary<string, object?> map, SecretRedactor redactor)
    {
        var credential = IsCredentialParam(map);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            var secret = SecretNames.IsSecretName(key) || (credential && key is "value" or "expected");
            result[redactor.Redact(key)] = secret && value is not null ? Secret.Redacted : RedactValue(value, redactor);
        }

        return result;
    }

    private static object? RedactValue(object? value, SecretRedactor redactor) => value switch
    {
        null => null,
        string s => redactor.Redact(s),
        Secret => Secret.Redacted,
        IReadOnlyDictionary<string, object?> map => RedactMap(map, redactor),
        IDictionary<string, object?> map => RedactMap(map.AsReadOnly(), redactor),
        IEnumerable list => list.Cast<object?>().Select(v => RedactValue(v, redactor)).ToList(),
        _ => value,
    };
}
