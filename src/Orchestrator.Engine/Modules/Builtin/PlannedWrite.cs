namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>What <see cref="FileContentModule"/> planned: the content and attributes to write, how to validate, and the change in words.</summary>
internal sealed record PlannedWrite(
    string Dest,
    byte[] Content,
    bool ContentChanges,
    string? Mode,
    string? Owner,
    string? Group,
    string? Validate,
    bool Backup,
    ChangeSummary Change);
