using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>The <c>orchestrator</c> executable built next to the tests (the test project references the CLI), run as a user runs it.</summary>
public static class OrchestratorCli
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "orchestrator");

    /// <summary>Runs the CLI to completion (three minutes at the most unless <paramref name="timeout"/> says otherwise).</summary>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: build the solution");
        return ProcessRunner.RunAsync(Executable, arguments, workingDirectory, environment: environment, timeout: timeout ?? TimeSpan.FromMinutes(3));
    }

    public static Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, workingDirectory: null);

    /// <summary>For tests that watch or signal the CLI while it runs.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: build the solution");
        return ProcessRunner.StartInfo(Executable, arguments, environment);
    }
}
