namespace Orchestrator.Compliance.Reports;

public enum ReportFormat
{
    Cli,
    Json,
    Junit,
    Html,
}
