using System.Globalization;
using Orchestrator.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

internal sealed class LabHepCommand : Command<LabSettings>
{
    public override int Execute(CommandContext context, LabSettings settings, CancellationToken cancellationToken)
    {
        var fleet = LabFleet.Open(settings.Directory);
        var report = fleet.GetHepReport();
        if (!report.ListenerRunning)
        {
            AnsiConsole.MarkupLine("[red]homer's HEP listener has written no counters (is it running? see lab status)[/]");
            return 1;
        }

        var table = new Table().AddColumns(new TableColumn("host"), new TableColumn("capture source"), new TableColumn("packets").RightAligned(), new TableColumn("last SIP"), new TableColumn("capture id").RightAligned());
        foreach (var s in report.Sources)
        {
            table.AddRow(Markup.Escape(s.Host), $"{s.Address}:{s.Port}", s.Packets.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.LastSip ?? "-"), s.CaptureId?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        AnsiConsole.MarkupLineInterpolated($"HEP received by homer ({fleet.CaptureServer}): {report.Datagrams} datagrams, {report.Undecodable} not HEPv3{(report.LastError is null ? "" : $" (last: {report.LastError})")}.");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"sngrep's pcap: {report.PcapPath} ({report.PcapBytes} bytes)");
        return 0;
    }
}
