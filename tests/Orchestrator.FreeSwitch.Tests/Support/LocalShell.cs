using System.Diagnostics;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>Runs scripts with the local /bin/sh: the facts scripts, for real, against local directories.</summary>
internal sealed class LocalShell(string hostName = "localhost") : IRemoteShell
{
    public List<(string Script, string? Stdin)> Runs { get; } = [];

    public string HostName => hostName;

    public async Task<CommandResult> RunAsync(string script, Secret? stdin, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Runs.Add((script, stdin?.Reveal()));
        return await Run(script, stdin?.Reveal(), cancellationToken);
    }

    public static async Task<string> RunChecked(string script)
    {
        var result = await Run(script, null, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"'{script}' failed (rc={result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }

    public static async Task<CommandResult> Run(string script, string? stdin, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new CommandResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }
}
