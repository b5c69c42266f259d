using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules;

/// <summary>What a fact provider can use.</summary>
public sealed class FactContext
{
    public required string HostName { get; init; }

    public required IHostConnection Connection { get; init; }

    public required bool Become { get; init; }

    public required IReadOnlyDictionary<string, object?> HostVariables { get; init; }

    public required TimeProvider TimeProvider { get; init; }
}
