namespace Orchestrator.Transport.KnownHosts;

/// <summary>How one endpoint's host key is checked.</summary>
/// <param name="UserFiles">UserKnownHostsFile entries; accept-new appends to the first.</param>
/// <param name="GlobalFiles">GlobalKnownHostsFile entries, read only.</param>
/// <param name="HashNewEntries">HashKnownHosts: write new entries as <c>|1|</c> hashes.</param>
internal sealed record HostKeyPolicy(
    HostKeyChecking Mode,
    IReadOnlyList<string> UserFiles,
    IReadOnlyList<string> GlobalFiles,
    bool HashNewEntries)
{
    public IEnumerable<string> AllFiles => UserFiles.Concat(GlobalFiles);
}
