using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Runs a shell script on one host (with the task's become settings). Secrets go in through stdin only.</summary>
public interface IRemoteShell
{
    string HostName { get; }

    /// <param name="script">The script.</param>
    /// <param name="stdin">Written to the script's stdin first.</param>
    /// <param name="reply">More stdin, computed when the script asks for it (see <see cref="StdinReply"/>).</param>
    /// <param name="timeout">Per-command timeout.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    Task<CommandResult> RunAsync(string script, Secret? stdin, StdinReply? reply, TimeSpan? timeout, CancellationToken cancellationToken);
}
