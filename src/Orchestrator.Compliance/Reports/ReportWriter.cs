using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Results;

namespace Orchestrator.Compliance.Reports;

/// <summary>
/// Writes every requested report of a pass, each on its own: one that fails (a full disk, a bad directory) is reported
/// and the others are still written. Files are replaced atomically.
/// </summary>
internal static class ReportWriter
{
    /// <summary>Returns one line per report that could not be written, e.g. <c>report junit:out.xml: ...</c>; empty when all were.</summary>
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<ReportSpec> reports, SweepResult result, ISweepConsoleReport? console, Func<IReadOnlyList<TrendPoint>> trend)
    {
        var failures = new List<string>();
        foreach (var report in reports)
        {
            try
            {
                Write(report, result, console, trend);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                failures.Add($"report {report}: not written: {ex.Message}");
            }
        }

        return failures;
    }

    private static void Write(ReportSpec report, SweepResult result, ISweepConsoleReport? console, Func<IReadOnlyList<TrendPoint>> trend)
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
                throw new ArgumentOutOfRangeException(nameof(report));
        }
    }
}
