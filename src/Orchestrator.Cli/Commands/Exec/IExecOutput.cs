using Orchestrator.Transport.AdHoc;

namespace Orchestrator.Cli.Commands.Exec;

internal interface IExecOutput
{
    Task WriteHostAsync(AdHocHostResult result);

    Task WriteSummaryAsync(IReadOnlyList<AdHocHostResult> results, TimeSpan elapsed, int exitCode);
}
