using System.Net;

namespace Orchestrator.Lab;

/// <summary>One process running inside a lab host.</summary>
public sealed record LabProcessInfo(int Pid, string Command, long RssKiB);

/// <summary>A host and what runs in it now.</summary>
public sealed record LabHostStatus(string Name, IPAddress Address, string NetworkNamespace, IReadOnlyList<LabProcessInfo> Processes)
{
    public long TotalRssKiB => Processes.Sum(p => p.RssKiB);

    public bool IsRunning(string command) => Processes.Any(p => p.Command == command);
}

/// <summary>What <c>lab status</c> shows.</summary>
public sealed record LabStatus(string Name, string Directory, string Subnet, string Scenario, IReadOnlyList<LabHostStatus> Hosts)
{
    public long TotalRssKiB => Hosts.Sum(h => h.TotalRssKiB);
}
