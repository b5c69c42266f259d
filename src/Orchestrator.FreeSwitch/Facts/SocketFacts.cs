using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>What the fast socket probe (and the first part of the system script) reports.</summary>
internal sealed record SocketFacts(
    int? Pid,
    IReadOnlyList<int> Pids,
    string Source,
    IReadOnlyList<UdpSocket> Sockets,
    PortRange? EphemeralRange,
    PortSet ReservedPorts,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The sections that could not be read, by name, with why (also among the warnings).</summary>
    public IReadOnlyDictionary<string, string> Unreadable { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Why FreeSWITCH's UDP sockets are not known (the process, the table or their owners could not be read), or null.</summary>
    public string? SocketsUnreadable => SocketProbe.SocketSections.Select(s => Unreadable.GetValueOrDefault(s)).FirstOrDefault(r => r is not null);
}
