namespace Orchestrator.Compliance.Facts;

/// <summary>Gathers a host's facts over an open connection.</summary>
public interface IHostFactsGatherer
{
    Task<HostFacts> GatherAsync(Core.Transport.IHostConnection connection, FactsRequest request, CancellationToken cancellationToken);
}
