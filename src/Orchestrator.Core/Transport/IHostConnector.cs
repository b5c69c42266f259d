namespace Orchestrator.Core.Transport;

/// <summary>Opens connections from a host's merged inventory variables.</summary>
public interface IHostConnector
{
    /// <exception cref="HostUnreachableException">Network failure after retries, authentication failure or a host-key problem.</exception>
    Task<IHostConnection> ConnectAsync(string hostName, IReadOnlyDictionary<string, object?> hostVariables, CancellationToken cancellationToken);
}
