using Orchestrator.Compliance.Checks;
using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Policies;

/// <summary>A loaded policy file: controls and waivers. Build one with <see cref="PolicyLoader"/>.</summary>
public sealed class Policy
{
    internal Policy(string name, string path, string description, IReadOnlyList<Control> controls, IReadOnlyList<Waiver> waivers)
    {
        Name = name;
        Path = path;
        Description = description;
        Controls = controls;
        Waivers = waivers;
    }

    public string Name { get; }

    /// <summary>The file it was read from (full path).</summary>
    public string Path { get; }

    public string Description { get; }

    public IReadOnlyList<Control> Controls { get; }

    public IReadOnlyList<Waiver> Waivers { get; }
}

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

/// <summary>How to fix a failing control: words for a person, and optionally a playbook <c>--remediate</c> runs.</summary>
public sealed class Remediation
{
    public string Text { get; init; } = string.Empty;

    /// <summary>Full path of the playbook (resolved against the policy file's directory), or null.</summary>
    public string? Playbook { get; init; }

    /// <summary>Extra variables passed to the playbook.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

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
