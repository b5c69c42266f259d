using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Results;
using Spectre.Console;

namespace Orchestrator.Compliance.Reports;

/// <summary>Writes every requested report of a pass. Files are replaced atomically.</summary>
internal static class ReportWriter
{
    public static void WriteAll(IReadOnlyList<ReportSpec> reports, SweepResult result, IAnsiConsole console, Func<IReadOnlyList<TrendPoint>> trend)
    {
        foreach (var report in reports)
        {
            switch (report.Format)
            {
                case ReportFormat.Cli:
                    CliReport.Write(console, result);
                    break;
                case ReportFormat.Json:
                    ReportFiles.Write(report.Path!, s => JsonReport.Write(s, result));
                    break;
                case ReportFormat.Junit:
                    ReportFiles.Write(report.Path!, s => JunitReport.Write(s, result));
                    break;
                case ReportFormat.Html:
                    var points = trend();
                    ReportFiles.Write(report.Path!, s => HtmlReport.Write(s, result, points));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(reports));
            }
        }
    }
}
