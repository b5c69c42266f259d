namespace Orchestrator.Lab;

/// <summary>What <c>lab status</c> shows.</summary>
public sealed record LabStatus(string Name, string Directory, string Subnet, string Scenario, IReadOnlyList<LabHostStatus> Hosts)
{
    public long TotalRssKiB => Hosts.Sum(h => h.TotalRssKiB);
}
