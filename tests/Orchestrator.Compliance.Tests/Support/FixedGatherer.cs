using Orchestrator.Compliance.Facts;
using Orchestrator.Core.Transport;

namespace Orchestrator.Compliance.Tests.Support;

/// <summary>Answers every host with the same facts (built by <see cref="FactsBuilder"/>), for sweeps without FreeSWITCH.</summary>
internal sealed class FixedGatherer(HostFacts facts) : IHostFactsGatherer
{
    public Task<HostFacts> GatherAsync(IHostConnection connection, FactsRequest request, CancellationToken cancellationToken) => Task.FromResult(facts);
}
