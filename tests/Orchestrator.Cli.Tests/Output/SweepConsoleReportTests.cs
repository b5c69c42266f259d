using Orchestrator.Cli.Output;
using Orchestrator.Testing;
using Orchestrator.Testing.Compliance;
using Spectre.Console.Testing;

namespace Orchestrator.Cli.Tests.Output;

public sealed class SweepConsoleReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cli_Table_ShowsGridProblemsAndSummary()
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Width = 200;

        new SweepConsoleReport(console).Write(SampleResults.WithEveryStatus(T0));

        var output = console.Output;
        File.WriteAllText(Path.Combine(RepoPaths.Artifacts("compliance"), "cli-report.txt"), output);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("fs3 (unreachable)", output, StringComparison.Ordinal);
        Assert.Contains("CLEAR failed on fs1", output, StringComparison.Ordinal);
        Assert.Contains("1/3 hosts compliant, 1 unreachable; 1 pass, 2 fail, 2 error, 1 waived, 0 skipped", output, StringComparison.Ordinal);
        Assert.Contains("exit 6", output, StringComparison.Ordinal);
    }
}
