namespace Orchestrator.Engine.Modules;

/// <summary>Gathers facts for <c>gather_facts</c>; each provider's values are merged into <c>ansible_facts</c>.</summary>
public interface IFactProvider
{
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>> GatherAsync(FactContext context, CancellationToken cancellationToken);
}
