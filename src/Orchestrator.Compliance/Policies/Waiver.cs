using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Policies;

/// <summary>An accepted exception: the control is reported as waived (not failed) until <see cref="Expires"/>.</summary>
public sealed class Waiver
{
    public required string ControlId { get; init; }

    /// <summary>An Ansible host pattern; null: every host.</summary>
    public string? Hosts { get; init; }

    public required string Justification { get; init; }

    /// <summary>The instant the waiver stops applying. A bare date means 00:00 UTC on that date.</summary>
    public required DateTimeOffset Expires { get; init; }

    public required SourceLocation Location { get; init; }

    public bool InForceAt(DateTimeOffset now) => now < Expires;
}
