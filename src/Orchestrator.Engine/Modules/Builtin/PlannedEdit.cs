namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>What <see cref="TextEditModule"/> planned: the file's new bytes (BOM kept) and the change in words.</summary>
internal sealed record PlannedEdit(byte[] Content, ChangeSummary Change);
