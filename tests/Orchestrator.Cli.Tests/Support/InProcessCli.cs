using Orchestrator.Cli;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// Runs the orchestrator command line in this process through <see cref="CliApplication.RunAsync"/>, the
/// same entry point the executable's Main calls, capturing what it writes to stdout and stderr.
/// </summary>
internal static class InProcessCli
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<ProcessResult> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var stdout = Console.Out;
        var stderr = Console.Error;
        using var capturedOut = new StringWriter();
        using var capturedErr = new StringWriter();
        try
        {
            Console.SetOut(capturedOut);
            Console.SetError(capturedErr);
            var exitCode = await CliApplication.RunAsync(args);
            return new ProcessResult(exitCode, capturedOut.ToString(), capturedErr.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Gate.Release();
        }
    }
}
