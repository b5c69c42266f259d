using System.Globalization;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Results;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>The sweep's cli report: a hosts × controls grid, then what is wrong and what fixes it, then a summary line.</summary>
internal sealed class SweepConsoleReport(IAnsiConsole console) : ISweepConsoleReport
{
    public void Write(SweepResult result)
    {
        var grid = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.PolicyName)}[/]");
        grid.AddColumn("host");
        foreach (var c in result.Controls)
        {
            grid.AddColumn(new TableColumn(Markup.Escape(c.Id)).Centered());
        }

        foreach (var h in result.Hosts)
        {
            var cells = new List<string> { h.State == HostState.Unreachable ? $"[red]{Markup.Escape(h.Host)} (unreachable)[/]" : Markup.Escape(h.Host) };
            foreach (var c in result.Controls)
            {
                var r = h.Controls.FirstOrDefault(x => x.ControlId == c.Id);
                cells.Add(r is null ? string.Empty : Cell(r.Status));
            }

            grid.AddRow(cells.ToArray());
        }

        console.Write(grid);

        var problems = result.AllResults.Where(r => r.Status is ControlStatus.Fail or ControlStatus.Error or ControlStatus.Waived).ToList();
        if (problems.Count > 0)
        {
            var controls = result.Controls.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var details = new Table().Border(TableBorder.Simple);
            details.AddColumn("host");
            details.AddColumn("control");
            details.AddColumn("status");
            details.AddColumn("what was found");
            details.AddColumn("fix");
            foreach (var r in problems.OrderByDescending(r => controls.GetValueOrDefault(r.ControlId)?.Impact ?? 0).ThenBy(r => r.Host, StringComparer.Ordinal))
            {
                var control = controls.GetValueOrDefault(r.ControlId);
                var fix = r.Status == ControlStatus.Waived ? string.Empty : FirstSentence(control?.Remediation ?? string.Empty);
                details.AddRow(
                    Markup.Escape(r.Host),
                    Markup.Escape(control is null ? r.ControlId : $"{r.ControlId} ({control.Impact.ToString("0.0#", CultureInfo.InvariantCulture)})"),
                    Cell(r.Status),
                    Markup.Escape(r.Message),
                    Markup.Escape(fix));
            }

            console.Write(details);
        }

        var hosts = result.Hosts.Count;
        var compliant = result.Hosts.Count(h => h.Compliant);
        var unreachable = result.Hosts.Count(h => h.State == HostState.Unreachable);
        var counts = string.Join(", ", Enum.GetValues<ControlStatus>().Select(s => $"{result.AllResults.Count(r => r.Status == s)} {s.ToWire()}"));
        console.MarkupLine(
            $"{compliant}/{hosts} hosts compliant, {unreachable} unreachable; {counts}; {(result.FinishedAt - result.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; exit {result.ExitCode}");
    }

    /// <summary>The remediation's first sentence, short enough for a table cell; the JSON and HTML reports carry all of it.</summary>
    private static string FirstSentence(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        var end = flat.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? flat[..(end + 1)] : flat;
        return sentence.Length <= 90 ? sentence : string.Concat(sentence.AsSpan(0, 89), "…");
    }

    private static string Cell(ControlStatus status) => status switch
    {
        ControlStatus.Pass => "[green]pass[/]",
        ControlStatus.Fail => "[red bold]FAIL[/]",
        ControlStatus.Error => "[yellow]error[/]",
        ControlStatus.Waived => "[blue]waived[/]",
        _ => "[grey]skipped[/]",
    };
}
