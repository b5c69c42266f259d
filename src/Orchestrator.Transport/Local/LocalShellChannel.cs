using System.Diagnostics;
using Orchestrator.Transport.Shell;

namespace Orchestrator.Transport.Local;

/// <summary><c>ansible_connection: local</c>: scripts run by the controller's own /bin/sh.</summary>
internal sealed class LocalShellChannel : IShellChannel
{
    public Task<IShellProcess> StartAsync(string script, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        var process = Process.Start(info) ?? throw new InvalidOperationException("/bin/sh did not start");
        return Task.FromResult<IShellProcess>(new LocalShellProcess(process));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class LocalShellProcess : IShellProcess
    {
        private readonly Process _process;

        public LocalShellProcess(Process process) => _process = process;

        public Stream Stdin => _process.StandardInput.BaseStream;

        public Stream Stdout => _process.StandardOutput.BaseStream;

        public Stream Stderr => _process.StandardError.BaseStream;

        public async Task<int> WaitForExitAsync()
        {
            await _process.WaitForExitAsync();
            return _process.ExitCode;
        }

        public Task KillAsync()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
