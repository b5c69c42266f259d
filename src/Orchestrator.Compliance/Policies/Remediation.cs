namespace Orchestrator.Compliance.Policies;

/// <summary>How to fix a failing control: words for a person, and optionally a playbook <c>--remediate</c> runs.</summary>
public sealed class Remediation
{
    public string Text { get; init; } = string.Empty;

    /// <summary>Full path of the playbook (resolved against the policy file's directory), or null.</summary>
    public string? Playbook { get; init; }

    /// <summary>Extra variables passed to the playbook.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
