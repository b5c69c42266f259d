using Orchestrator.Compliance.Checks;
using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Policies;

/// <summary>One control: what to check, how much it matters, and what fixes it.</summary>
public sealed class Control
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>0.0 (informational) to 1.0 (critical), as in InSpec.</summary>
    public required double Impact { get; init; }

    public string Description { get; init; } = string.Empty;

    public required Remediation Remediation { get; init; }

    /// <summary>An Ansible host pattern the control applies to; other hosts get <c>skipped</c>. Null: every host.</summary>
    public string? Hosts { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required SourceLocation Location { get; init; }

    internal Check Check { get; init; } = null!;

    public string CheckType => Check.TypeName;
}
