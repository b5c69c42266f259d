namespace Orchestrator.Compliance.Results;

public sealed record CapturePort(string LocalIp, int Port, bool Collides);
