using System.Collections.Concurrent;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Execution;

/// <summary>Opens one connection per host on first use and keeps it for the run.</summary>
internal sealed class ConnectionPool(IHostConnector? connector) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IHostConnection>>> _connections = new(StringComparer.Ordinal);

    public Task<IHostConnection> GetAsync(string host, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        if (connector is null)
        {
            throw new UserInputException("this run has no host connector (internal error)");
        }

        return _connections.GetOrAdd(host, h => new Lazy<Task<IHostConnection>>(() => connector.ConnectAsync(h, variables, cancellationToken))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _connections.Values)
        {
            if (!lazy.IsValueCreated)
            {
                continue;
            }

            try
            {
                var connection = await lazy.Value;
                await connection.DisposeAsync();
            }
            catch (Exception ex) when (ex is HostUnreachableException or OperationCanceledException or IOException or InvalidOperationException)
            {
                // A connection that never opened has nothing to close.
            }
        }
    }
}
