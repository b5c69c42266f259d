namespace Orchestrator.Lab;

/// <summary>One process running inside a lab host.</summary>
public sealed record LabProcessInfo(int Pid, string Command, long RssKiB);
