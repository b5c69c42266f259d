using Orchestrator.Lab.Hep;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab;

/// <summary>What <c>lab hep</c> shows: the HEP listener's counters, mapped to lab hosts, and the size of sngrep's pcap.</summary>
public sealed record LabHepReport(bool ListenerRunning, long Datagrams, long Undecodable, string? LastError, IReadOnlyList<LabHepSource> Sources, string PcapPath, long PcapBytes)
{
    internal static LabHepReport From(LabState state, HepCounters? counters, string pcapPath)
    {
        var byAddress = state.Hosts.Append(state.Homer!).ToDictionary(h => h.Address, h => h.Name, StringComparer.Ordinal);
        var sources = (counters?.Sources ?? [])
            .Select(s => new LabHepSource(byAddress.GetValueOrDefault(s.Address, "?"), s.Address, s.Port, s.Packets, s.LastSip, s.CaptureId))
            .OrderBy(s => s.Host, StringComparer.Ordinal).ThenBy(s => s.Port)
            .ToList();
        var pcap = new FileInfo(pcapPath);
        return new LabHepReport(counters is not null, counters?.Datagrams ?? 0, counters?.Undecodable ?? 0, counters?.LastError, sources, pcapPath, pcap.Exists ? pcap.Length : 0);
    }
}
