using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Runs a shell script on one host (with the task's become settings). Secrets go in through stdin only.</summary>
public interface IRemoteShell
{
    string HostName { get; }

    Task<CommandResult> RunAsync(string script, Secret? stdin, TimeSpan? timeout, CancellationToken cancellationToken);
}

/// <summary>An <see cref="IRemoteShell"/> over an <see cref="IHostConnection"/>.</summary>
public sealed class ConnectionShell(IHostConnection connection, bool become, string? becomeUser = null) : IRemoteShell
{
    public string HostName => connection.HostName;

    public Task<CommandResult> RunAsync(string script, Secret? stdin, TimeSpan? timeout, CancellationToken cancellationToken) =>
        connection.RunAsync(new RemoteCommand(script) { Become = become, BecomeUser = becomeUser, Stdin = stdin, Timeout = timeout }, cancellationToken);
}
