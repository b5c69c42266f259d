using Orchestrator.Compliance.Results;

namespace Orchestrator.Compliance.Reports;

/// <summary>
/// The <c>cli</c> report: what a pass shows on the console. The CLI draws it (it owns the terminal library); the sweep
/// only says when.
/// </summary>
public interface ISweepConsoleReport
{
    void Write(SweepResult result);
}
