using System.Diagnostics;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>The real <c>orchestrator</c> executable as a child process the test can watch (its stderr so far) and signal while it runs.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public static CliProcess Start(params string[] args)
    {
        var process = Process.Start(OrchestratorCli.StartInfo(args, new Dictionary<string, string> { ["COLUMNS"] = "200" }))!;
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (cli._stdout) { cli._stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (cli._stderr) { cli._stderr.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return cli;
    }

    public static async Task<ProcessResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        await using var cli = Start(args);
        return await cli.WaitAsync(timeout);
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"orchestrator did not finish within {timeout}:\n{Stderr}");
        }

        _process.WaitForExit();
        lock (_stdout)
        {
            return new ProcessResult(_process.ExitCode, _stdout.ToString(), Stderr);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
