namespace Orchestrator.Compliance.Results;

/// <summary>A control as reports show it (from the policy).</summary>
public sealed record ControlSummary(string Id, string Title, double Impact, string Description, string Remediation, string? Playbook, string CheckType);
