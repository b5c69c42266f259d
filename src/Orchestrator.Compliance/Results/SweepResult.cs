namespace Orchestrator.Compliance.Results;

/// <summary>One pass of the sweep over the selected hosts.</summary>
public sealed record SweepResult
{
    public required string PolicyName { get; init; }

    public required string PolicyPath { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required IReadOnlyList<ControlSummary> Controls { get; init; }

    public required IReadOnlyList<HostResult> Hosts { get; init; }

    /// <summary>"scheduled", "manual" or "remediation-recheck".</summary>
    public string Trigger { get; init; } = "manual";

    public int ExitCode => ExitCodes.For(this);

    public IEnumerable<ControlResult> AllResults => Hosts.SelectMany(h => h.Controls);
}
