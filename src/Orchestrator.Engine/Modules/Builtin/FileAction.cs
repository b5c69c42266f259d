namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>What <see cref="FileModule"/> planned for a path: the state to reach, the attributes to set, and the change in words.</summary>
internal sealed record FileAction(string State, string Path, string? Mode, string? Owner, string? Group, ChangeSummary Change);
