namespace Orchestrator.Compliance.Results;

public sealed record WaiverInfo(string Justification, DateTimeOffset Expires);
