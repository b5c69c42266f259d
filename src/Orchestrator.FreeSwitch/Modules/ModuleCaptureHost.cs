using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Toggle;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>The toggle's view of the host: fs_cli commands and the fast socket probe, through the task's connection.</summary>
internal sealed class ModuleCaptureHost(ModuleContext context, FreeSwitchFactsOptions options, EslEndpoint endpoint) : ICaptureHost
{
    public async Task<FsCliReply> ApiAsync(string command, CancellationToken cancellationToken) =>
        (await ModuleSupport.ApiAsync(context, options, endpoint, [command], cancellationToken))[0];

    public async Task<SocketFacts> ReadSocketsAsync(CancellationToken cancellationToken)
    {
        var result = await context.RunAsync(RemoteCommand.Script(FactsScripts.Sockets(options.SocketTable)), cancellationToken, options.CommandTimeout);
        return FreeSwitchFactsCollector.ParseSockets(RemoteScript.SplitToMap(result.Stdout));
    }
}
