using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>An <see cref="IRemoteShell"/> over a task's <see cref="ModuleContext"/> (its connection and become settings).</summary>
internal sealed class ModuleContextShell(ModuleContext context) : IRemoteShell
{
    public string HostName => context.HostName;

    public Task<CommandResult> RunAsync(string script, Secret? stdin, StdinReply? reply, TimeSpan? timeout, CancellationToken cancellationToken) =>
        context.RunAsync(RemoteCommand.Script(script), cancellationToken, timeout, stdin, reply);
}
