using Orchestrator.Inventory.Tests.Support;

namespace Orchestrator.Inventory.Tests.Cli;

internal static class CliRunner
{
    /// <summary>Runs the built orchestrator executable in <paramref name="directory"/>.</summary>
    public static Task<ProcessResult> RunAsync(string directory, params string[] args) =>
        ProcessRunner.RunAsync(RepoPaths.Orchestrator, args, directory, environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" });
}
