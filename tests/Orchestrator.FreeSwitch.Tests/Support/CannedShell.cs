using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>A shell that answers every script with the same result: what a host (a hostile one too) printed.</summary>
internal sealed class CannedShell(CommandResult result) : IRemoteShell
{
    public string HostName => "canned";

    public Task<CommandResult> RunAsync(string script, Secret? stdin, StdinReply? reply, TimeSpan? timeout, CancellationToken cancellationToken) => Task.FromResult(result);
}
