using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>An <see cref="IRemoteShell"/> over an <see cref="IHostConnection"/>.</summary>
public sealed class ConnectionShell(IHostConnection connection, bool become, string? becomeUser = null) : IRemoteShell
{
    public string HostName => connection.HostName;

    public Task<CommandResult> RunAsync(string script, Secret? stdin, StdinReply? reply, TimeSpan? timeout, CancellationToken cancellationToken) =>
        connection.RunAsync(new RemoteCommand(script) { Become = become, BecomeUser = becomeUser, Stdin = stdin, Reply = reply, Timeout = timeout }, cancellationToken);
}
