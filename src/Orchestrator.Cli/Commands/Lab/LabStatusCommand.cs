using System.Globalization;
using Orchestrator.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

internal sealed class LabStatusCommand : AsyncCommand<LabSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LabSettings settings, CancellationToken cancellationToken)
    {
        var fleet = LabFleet.Open(settings.Directory);
        var status = await fleet.GetStatusAsync(cancellationToken);
        var table = new Table().AddColumns(new TableColumn("host"), new TableColumn("address"), new TableColumn("processes"), new TableColumn("RSS").RightAligned());
        foreach (var h in status.Hosts)
        {
            var processes = h.Processes.Count == 0
                ? "[red]none[/]"
                : Markup.Escape(string.Join("\n", h.Processes.GroupBy(p => p.Command).Select(g => g.Count() == 1 ? $"{g.Key} ({g.First().Pid})" : $"{g.Key} x{g.Count()}")));
            table.AddRow(Markup.Escape(h.Name), h.Address.ToString(), processes, Mib(h.TotalRssKiB));
        }

        AnsiConsole.MarkupLineInterpolated($"Lab [bold]{status.Name}[/] in {status.Directory}: network {status.Subnet}, scenario {status.Scenario}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Total resident memory: {Mib(status.TotalRssKiB)}");
        return 0;
    }

    private static string Mib(long kib) => (kib / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
