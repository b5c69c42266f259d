using System.Diagnostics;

namespace Orchestrator.Engine.Tests.Support;

/// <summary>
/// The Python that runs ansible-core on this machine (Debian's /usr/bin/python3; a pyenv python3 on PATH may not
/// have it). Tests that compare with Ansible fail with a clear message when it is missing (scripts/install-deps.sh
/// installs ansible-core).
/// </summary>
internal static class AnsiblePython
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Runs a Python script with ansible importable; returns stdout, fails the test on any error.</summary>
    public static async Task<string> RunAsync(string script, string stdin)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing; install ansible-core (scripts/install-deps.sh)");
        var start = new ProcessStartInfo(Python, ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(
            process.ExitCode == 0,
            $"{Python} failed (exit {process.ExitCode}); is ansible-core installed (scripts/install-deps.sh)?\n{await stderr}");
        return await stdout;
    }
}
