using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>A play: its hosts, play keywords, variables, task sections and handlers.</summary>
internal sealed class Play : TaskOptions
{
    public required string Name { get; init; }

    public required string Hosts { get; init; }

    public required SourceLocation Location { get; init; }

    public IReadOnlyList<SerialStep>? Serial { get; set; }

    public double? MaxFailPercentage { get; set; }

    public Strategy Strategy { get; set; } = Strategy.Linear;

    /// <summary>The play's <c>gather_facts</c>; null when not given, so the run's <see cref="PlaybookRunOptions.GatherFactsDefault"/> decides.</summary>
    public bool? GatherFacts { get; set; }

    public bool ForceHandlers { get; set; }

    public List<VarsFile> VarsFiles { get; } = [];

    /// <summary>Variables whose values are secret (redacted from all output), besides names matched by the secret pattern.</summary>
    public List<string> SecretVars { get; } = [];

    /// <summary>The roles of <c>roles:</c> and import_role, in order: Ansible's play.get_roles(), whose defaults and vars every task sees.</summary>
    public List<RoleDefinition> Roles { get; } = [];

    public List<TaskNode> PreTasks { get; } = [];

    public List<TaskNode> Tasks { get; } = [];

    public List<TaskNode> PostTasks { get; } = [];

    public List<TaskDefinition> Handlers { get; } = [];
}
