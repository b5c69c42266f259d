namespace Orchestrator.Compliance.Sweeping;

/// <summary>What one remediation playbook run did.</summary>
public sealed record RemediationRun(string Playbook, IReadOnlyList<string> Controls, IReadOnlyList<string> Hosts, int ExitCode);
