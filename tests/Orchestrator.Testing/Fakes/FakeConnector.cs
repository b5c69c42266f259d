using System.Collections.Concurrent;
using Orchestrator.Core.Transport;

namespace Orchestrator.Testing.Fakes;

/// <summary>Connects to <see cref="FakeHost"/>s by name; "localhost" is created on demand.</summary>
public sealed class FakeConnector : IHostConnector
{
    public ConcurrentDictionary<string, FakeHost> Hosts { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Host, IReadOnlyDictionary<string, object?> Variables)> Connects { get; } = new();

    public FakeHost this[string name] => Hosts.GetOrAdd(name, n => new FakeHost(n));

    public Task<IHostConnection> ConnectAsync(string hostName, IReadOnlyDictionary<string, object?> hostVariables, CancellationToken cancellationToken)
    {
        Connects.Enqueue((hostName, hostVariables));
        var host = this[hostName];
        if (host.Unreachable)
        {
            throw new HostUnreachableException(hostName, UnreachableReason.Network, $"{hostName}: connection refused");
        }

        return Task.FromResult<IHostConnection>(new FakeConnection(host));
    }
}
