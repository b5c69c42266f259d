using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>Runs a program with only the environment given (PATH=/usr/bin:/bin added), so the test runner's ANSIBLE_* and HOME cannot leak in.</summary>
public static class CleanEnvironmentProcess
{
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = ProcessRunner.StartInfo(program, arguments);
        info.WorkingDirectory = workingDirectory;
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
