namespace Orchestrator.Compliance.Facts;

/// <summary>One command a check wants run in the facts batch.</summary>
/// <param name="Key">Unique within a pass; the result comes back under it.</param>
public sealed record ProbeRequest(string Key, string Command);
