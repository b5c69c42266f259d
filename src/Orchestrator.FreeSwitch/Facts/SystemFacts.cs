using Orchestrator.FreeSwitch.Facts.Sections;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>What the system part of the facts script reports (everything before the API), read section by section.</summary>
/// <param name="ConfTar">The conf dir as a gzipped tar in base64; unreadable when there was no freeswitch.xml.</param>
/// <param name="Unreadable">The sections that could not be read, by name, with why.</param>
internal sealed record SystemFacts(
    int? Pid,
    IReadOnlyList<int> Pids,
    string ConfDir,
    SectionResult<string> ConfTar,
    string? Hostname,
    string? LocalIpV4,
    string? LocalIpV6,
    double? StartedAt,
    string SocketSource,
    IReadOnlyList<UdpSocket> Sockets,
    PortRange? EphemeralRange,
    PortSet ReservedPorts,
    BindErrorCount BindErrors,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Unreadable)
{
    public static SystemFacts Read(FactsOutput output, FreeSwitchFactsOptions options)
    {
        var sockets = SocketProbe.Read(output);
        var unreadable = new UnreadableSections(sockets.Unreadable);
        var warnings = new List<string>(sockets.Warnings);
        var addresses = unreadable.Note(FactsSections.Addresses, FactsSections.Addresses.Read(output)).ValueOr(new LocalAddresses(null, null));
        var logFile = unreadable.Note(FactsSections.LogFile, FactsSections.LogFile.Read(output)).ValueOr(options.LogFile);
        var lines = unreadable.Note(FactsSections.BindErrors, FactsSections.BindErrors.Read(output));
        BindErrorCount bindErrors;
        if (lines.IsReadable)
        {
            var l = lines.Value;
            bindErrors = new BindErrorCount(logFile, true, options.BindErrorWindow, l.Since, l.Rtp, l.Rtcp, l.LastLine);
        }
        else
        {
            bindErrors = new BindErrorCount(logFile, false, options.BindErrorWindow, null, 0, 0, null) { UnreadableReason = lines.UnreadableReason };
            warnings.Add($"the FreeSWITCH log {logFile} is not readable ({lines.UnreadableReason}): Bind Error lines were not counted");
        }

        return new SystemFacts(
            sockets.Pid,
            sockets.Pids,
            unreadable.Note(FactsSections.ConfDir, FactsSections.ConfDir.Read(output)).ValueOr(options.ConfDir == FreeSwitchFactsOptions.Auto ? "/etc/freeswitch" : options.ConfDir),
            unreadable.Note(FactsSections.ConfTar, FactsSections.ConfTar.Read(output)),
            unreadable.Note(FactsSections.Hostname, FactsSections.Hostname.Read(output)).ValueOr(null),
            addresses.V4,
            addresses.V6,
            unreadable.Note(FactsSections.ProcessStart, FactsSections.ProcessStart.Read(output)).ValueOr(null),
            sockets.Source,
            sockets.Sockets,
            sockets.EphemeralRange,
            sockets.ReservedPorts,
            bindErrors,
            warnings,
            unreadable.Reasons);
    }
}
