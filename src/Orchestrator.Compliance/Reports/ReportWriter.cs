using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Results;

namespace Orchestrator.Compliance.Reports;

/// <summary>Writes every requested report of a pass. Files are replaced atomically.</summary>
internal static class ReportWriter
{
    public static void WriteAll(IReadOnlyList<ReportSpec> reports, SweepResult result, ISweepConsoleReport? console, Func<IReadOnlyList<TrendPoint>> trend)
    {
        foreach (var report in reports)
        {
            switch (report.Format)
            {
                case ReportFormat.Cli:
                    (console ?? throw new InvalidOperationException("a cli report needs a console report")).Write(result);
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
