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

    public async Task<CommandResult> RunAsync(string script, Secret? stdin, StdinReply? reply, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Runs.Add((script, stdin?.Reveal()));
        return await Run(script, stdin?.Reveal(), cancellationToken, reply);
    }

    public static async Task<string> RunChecked(string script)
    {
        var result = await Run(script, null, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"'{script}' failed (rc={result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }

    public static async Task<CommandResult> Run(string script, string? stdin, CancellationToken cancellationToken, StdinReply? reply = null)
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
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            await process.StandardInput.FlushAsync(cancellationToken);
        }

        // Read stdout line by line so a script that asks (StdinReply) gets its answer while it waits, as over SSH.
        var output = new System.Text.StringBuilder();
        var answered = reply is null;
        if (answered)
        {
            process.StandardInput.Close();
        }

        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!answered && line == reply!.Prompt)
            {
                answered = true;
                var answer = await reply.Answer(output.ToString().TrimEnd('\n'), cancellationToken);
                await process.StandardInput.WriteAsync(answer.Reveal());
                process.StandardInput.Close();
            }

            output.Append(line).Append('\n');
        }

        if (!answered)
        {
            process.StandardInput.Close();
        }

        var stdout = Task.FromResult(output.ToString());
        await process.WaitForExitAsync(cancellationToken);
        return new CommandResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }
}
