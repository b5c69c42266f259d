using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules;

/// <summary>What a fact provider can use.</summary>
public sealed class FactContext
{
    public required string HostName { get; init; }

    public required IHostConnection Connection { get; init; }

    public required bool Become { get; init; }

    public required IReadOnlyDictionary<string, object?> HostVariables { get; init; }

    /// <summary>
    /// A variable's value as a task on this host sees it (play and inventory levels, templates rendered, a vault value
    /// still a secret); null when it is undefined or cannot be rendered. Null where no play is running.
    /// </summary>
    public Func<string, object?>? Variable { get; init; }

    public required TimeProvider TimeProvider { get; init; }
}
