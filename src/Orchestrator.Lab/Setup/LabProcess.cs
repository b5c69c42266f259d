namespace Orchestrator.Lab.Setup;

/// <summary>A process running inside one of a lab's hosts.</summary>
internal sealed record LabProcess(int Pid, string Host, string Command, long RssKiB);
