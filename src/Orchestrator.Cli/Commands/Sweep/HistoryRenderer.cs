using System.Globalization;
using Orchestrator.Compliance.History;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Sweep;

/// <summary>The history as three tables: failures (first seen, fixed), flapping hosts, and the trend.</summary>
internal static class HistoryRenderer
{
    public static void Write(IAnsiConsole console, HistoryReport report, string path)
    {
        console.MarkupLine($"[bold]History[/] {Markup.Escape(path)}: {report.Runs} run(s)");
        var failures = new Table().Border(TableBorder.Rounded).Title("Failures: first seen and fixed");
        failures.AddColumn("host");
        failures.AddColumn("control");
        failures.AddColumn("first seen");
        failures.AddColumn("fixed");
        failures.AddColumn("lasted");
        failures.AddColumn("what was found first");
        foreach (var e in report.Failures)
        {
            failures.AddRow(
                Markup.Escape(e.Host),
                Markup.Escape(e.ControlId),
                Time(e.FirstSeen),
                e.FixedAt is { } f ? $"[green]{Time(f)}[/]" : "[red]still failing[/]",
                e.FixedAt is { } g ? Span(g - e.FirstSeen) : string.Empty,
                Markup.Escape(e.FirstMessage));
        }

        if (report.Failures.Count == 0)
        {
            failures.AddRow("[grey]none[/]", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        console.Write(failures);

        var flapping = new Table().Border(TableBorder.Rounded).Title("Flapping hosts (in and out of compliance)");
        flapping.AddColumn("host");
        flapping.AddColumn("changes");
        flapping.AddColumn("runs");
        flapping.AddColumn("last change");
        foreach (var h in report.Flapping)
        {
            flapping.AddRow(Markup.Escape(h.Host), h.Changes.ToString(CultureInfo.InvariantCulture), h.Runs.ToString(CultureInfo.InvariantCulture), Time(h.LastChange));
        }

        if (report.Flapping.Count == 0)
        {
            flapping.AddRow("[grey]none[/]", string.Empty, string.Empty, string.Empty);
        }

        console.Write(flapping);

        var trend = new Table().Border(TableBorder.Rounded).Title("Compliant hosts over time");
        trend.AddColumn("run");
        trend.AddColumn("time");
        trend.AddColumn("trigger");
        trend.AddColumn(new TableColumn("compliant").RightAligned());
        trend.AddColumn(new TableColumn("unreachable").RightAligned());
        trend.AddColumn(string.Empty);
        foreach (var p in report.Trend.TakeLast(50))
        {
            var bar = new string('█', (int)Math.Round(p.CompliantPercent / 5));
            trend.AddRow(
                p.RunId.ToString(CultureInfo.InvariantCulture),
                Time(p.At),
                Markup.Escape(p.Trigger),
                $"{p.Compliant}/{p.Hosts}",
                p.Unreachable.ToString(CultureInfo.InvariantCulture),
                $"[{(p.Compliant == p.Hosts ? "green" : "red")}]{bar}[/] {p.CompliantPercent.ToString("0", CultureInfo.InvariantCulture)}%");
        }

        console.Write(trend);
        if (report.Trend.Count > 50)
        {
            console.MarkupLine($"[grey](the last 50 of {report.Trend.Count} runs; narrow with --since)[/]");
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan s) =>
        s.TotalDays >= 1 ? $"{s.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} d"
        : s.TotalHours >= 1 ? $"{s.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"
        : s.TotalMinutes >= 1 ? $"{s.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min"
        : $"{s.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";
}
