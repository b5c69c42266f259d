using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Facts;

/// <summary>
/// Gathers a host's facts with Orchestrator.FreeSwitch's collector (one session: system, then the API once the controller answers),
/// the policy's commands riding in the same session as a contribution of the collector, and asks it for the §12 placement.
/// </summary>
internal sealed class FreeSwitchFactsGatherer(GatherOptions options) : IHostFactsGatherer
{
    public async Task<HostFacts> GatherAsync(IHostConnection connection, FactsRequest request, CancellationToken cancellationToken)
    {
        var factsOptions = new FreeSwitchFactsOptions();
        options.ConfigureFacts?.Invoke(factsOptions);
        // config_param checks read any param: the collector keeps the configuration it parsed (one parse per host).
        factsOptions.KeepConfiguration = request.NeedConfiguration;
        if (request.BindErrorWindow > TimeSpan.Zero)
        {
            factsOptions.BindErrorWindow = request.BindErrorWindow;
        }

        var shell = new ConnectionShell(connection, options.Become, options.BecomeUser);
        var probes = new PolicyProbes(request.Probes, options.ProbeTimeout);
        IReadOnlyList<FactsContribution> contributions = request.Probes.Count == 0 ? [] : [probes];
        FreeSwitchHostFacts fs;
        try
        {
            fs = await new FreeSwitchFactsCollector(factsOptions).CollectAsync(shell, contributions, cancellationToken);
        }
        catch (FactsException ex)
        {
            return new HostFacts { FreeSwitchError = ex.Message, Probes = probes.Results };
        }

        PlacementReport? placement = null;
        if (fs.Config is not null)
        {
            placement = CapturePlacement.Check(fs.PlacementInput());
        }

        return new HostFacts { FreeSwitch = fs, Placement = placement, Configuration = fs.Configuration, Probes = probes.Results };
    }
}
