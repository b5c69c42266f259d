namespace Orchestrator.Compliance.History;

/// <summary>A host that went in and out of compliance.</summary>
public sealed record FlappingHost(string Host, int Changes, int Runs, DateTimeOffset LastChange);
