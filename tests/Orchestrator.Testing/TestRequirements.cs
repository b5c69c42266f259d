using System.Diagnostics;

namespace FreeSwitch.Simulator.Tests.Support;

/// <summary>Runs a program and captures its output; for ip, ss, sysctl, sipp, sngrep.</summary>
internal static class Shell
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Result> RunAsync(string file, params string[] args) => RunAsync(file, args, TimeSpan.FromSeconds(60));

    /// <summary>Fails the test with a clear message when a tool the test needs is missing or we are not root.</summary>
    public static void Require(string tool)
    {
        if (!File.Exists(tool) && !Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
        {
            Assert.Fail($"{tool} is required by this test and is not installed (scripts/install-deps.sh installs it).");
        }
    }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Fail("This test needs root (network namespaces, sysctls); run the tests as root.");
        }
    }
}
