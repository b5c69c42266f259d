using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Toggle;

/// <summary>What the toggle needs from a host: API commands and the (fast) socket table.</summary>
internal interface ICaptureHost
{
    Task<FsCliReply> ApiAsync(string command, CancellationToken cancellationToken);

    Task<SocketFacts> ReadSocketsAsync(CancellationToken cancellationToken);
}
