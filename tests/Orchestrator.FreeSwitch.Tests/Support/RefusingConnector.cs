using Orchestrator.Core.Transport;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>A connector that records every connection attempt and refuses them all.</summary>
internal sealed class RefusingConnector : IHostConnector
{
    public List<string> Attempts { get; } = [];

    public Task<IHostConnection> ConnectAsync(string hostName, IReadOnlyDictionary<string, object?> hostVariables, CancellationToken cancellationToken)
    {
        lock (Attempts)
        {
            Attempts.Add(hostName);
        }

        throw new HostUnreachableException(hostName, UnreachableReason.Network, "this test allows no connection");
    }
}
