using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Support;

internal static class CliRunner
{
    /// <summary>Runs the built orchestrator executable in <paramref name="directory"/>, without colours.</summary>
    public static Task<ProcessResult> RunAsync(string directory, params string[] args) =>
        OrchestratorCli.RunAsync(args, directory, new Dictionary<string, string> { ["NO_COLOR"] = "1" });
}
