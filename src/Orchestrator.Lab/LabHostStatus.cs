using System.Net;

namespace Orchestrator.Lab;

/// <summary>A host and what runs in it now.</summary>
public sealed record LabHostStatus(string Name, IPAddress Address, string NetworkNamespace, IReadOnlyList<LabProcessInfo> Processes)
{
    public long TotalRssKiB => Processes.Sum(p => p.RssKiB);

    public bool IsRunning(string command) => Processes.Any(p => p.Command == command);
}
