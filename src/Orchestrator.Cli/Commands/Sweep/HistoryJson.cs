using System.Text.Json;
using Orchestrator.Compliance.History;

namespace Orchestrator.Cli.Commands.Sweep;

/// <summary><c>sweep history --json</c>.</summary>
internal static class HistoryJson
{
    public static string Render(HistoryReport report) => JsonSerializer.Serialize(
        new
        {
            runs = report.Runs,
            failures = report.Failures.Select(e => new { host = e.Host, control = e.ControlId, first_seen = e.FirstSeen, fixed_at = e.FixedAt, first_message = e.FirstMessage, first_run = e.FirstRunId, fixed_run = e.FixedRunId }),
            flapping = report.Flapping.Select(h => new { host = h.Host, changes = h.Changes, runs = h.Runs, last_change = h.LastChange }),
            trend = report.Trend.Select(p => new { run = p.RunId, at = p.At, hosts = p.Hosts, compliant = p.Compliant, unreachable = p.Unreachable, trigger = p.Trigger }),
        },
        new JsonSerializerOptions { WriteIndented = true });
}
