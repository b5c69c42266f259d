using Orchestrator.FreeSwitch.Facts.Sections;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// The fast probe the toggle and the restart poll with: the process, its UDP sockets and the two port sysctls, through
/// the same sections (their POSIX bodies) and parsers as the facts script, whose first part reads the same way.
/// </summary>
internal static class SocketProbe
{
    /// <summary>The sections without which FreeSWITCH's sockets are not known (the process, the table, the owners).</summary>
    public static readonly IReadOnlyList<string> SocketSections = [FactsSections.ProcessIds.Name, FactsSections.SocketTable.Name, FactsSections.SocketFds.Name];

    public static string Script(string socketTable) => FactsPrelude.Sockets(socketTable) + FactsScripts.Sections(FactsSections.Sockets, bash: false);

    public static SocketFacts Read(FactsOutput output)
    {
        var unreadable = new UnreadableSections();
        var ids = unreadable.Note(FactsSections.ProcessIds, FactsSections.ProcessIds.Read(output)).ValueOr(new ProcessIds(null, []));
        var table = unreadable.Note(FactsSections.SocketTable, FactsSections.SocketTable.Read(output));
        var fds = unreadable.Note(FactsSections.SocketFds, FactsSections.SocketFds.Read(output));
        var pids = new HashSet<int>(ids.Pids);

        // What could be read is kept (a socket seen is seen); whether that is all of them is what Unreadable says.
        List<UdpSocket> sockets = !table.IsReadable ? []
            : table.Value.IsSs ? pids.Count == 0 ? [] : SocketTableParser.ParseSs(table.Value.Table, pids)
            : SocketTableParser.ParseProcNet(table.Value.Table, fds.ValueOr(new Dictionary<long, int>()));

        var range = unreadable.Note(FactsSections.PortRange, FactsSections.PortRange.Read(output));
        var reserved = unreadable.Note(FactsSections.ReservedPorts, FactsSections.ReservedPorts.Read(output));
        var warnings = unreadable.Reasons.Values.ToList();
        return new SocketFacts(
            ids.Pid, ids.Pids, table.IsReadable ? table.Value.Source : "unknown", sockets, range.IsReadable ? range.Value : null, reserved.ValueOr(PortSet.Empty), warnings)
        {
            Unreadable = unreadable.Reasons,
        };
    }
}
