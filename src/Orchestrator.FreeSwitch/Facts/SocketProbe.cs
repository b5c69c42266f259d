using Orchestrator.FreeSwitch.Facts.Sections;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// The fast probe the toggle and the restart poll with: the process, its UDP sockets and the two port sysctls, through
/// the same sections (their POSIX bodies) and parsers as the facts script, whose first part reads the same way.
/// </summary>
internal static class SocketProbe
{
    public static string Script(string socketTable) => FactsPrelude.Sockets(socketTable) + FactsScripts.Sections(FactsSections.Sockets, bash: false);

    public static SocketFacts Read(FactsOutput output)
    {
        var ids = FactsSections.ProcessIds.Read(output).Value;
        var table = FactsSections.SocketTable.Read(output).Value;
        var pids = new HashSet<int>(ids.Pids);
        List<UdpSocket> sockets = table.IsSs
            ? pids.Count == 0 ? [] : SocketTableParser.ParseSs(table.Table, pids)
            : SocketTableParser.ParseProcNet(table.Table, FactsSections.SocketFds.Read(output).Value);

        var unreadable = new UnreadableSections();
        var range = unreadable.Note(FactsSections.PortRange, FactsSections.PortRange.Read(output));
        var reserved = unreadable.Note(FactsSections.ReservedPorts, FactsSections.ReservedPorts.Read(output));
        var warnings = unreadable.Reasons.Values.ToList();
        return new SocketFacts(
            ids.Pid, ids.Pids, table.Source, sockets, range.IsReadable ? range.Value : null, reserved.ValueOr(PortSet.Empty), warnings)
        {
            Unreadable = unreadable.Reasons,
        };
    }
}
