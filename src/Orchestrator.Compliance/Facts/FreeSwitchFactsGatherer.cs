using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Facts;

/// <summary>How the sweep reads hosts.</summary>
public sealed class GatherOptions
{
    /// <summary>Run the facts scripts through sudo (needed to see FreeSWITCH's sockets and log unless logging in as root).</summary>
    public bool Become { get; init; }

    public string? BecomeUser { get; init; }

    /// <summary>How long each of the policy's own commands may run.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Facts collector settings (conf dir, log file, fs_cli path); the bind error window is set per policy.</summary>
    public Action<FreeSwitchFactsOptions>? ConfigureFacts { get; init; }
}

/// <summary>
/// Gathers a host's facts with Orchestrator.FreeSwitch's collector (one session: system, then the API once the controller answers),
/// the policy's commands riding in the first, and asks it for the §12 placement.
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

        var shell = new ProbeBatchingShell(new ConnectionShell(connection, options.Become, options.BecomeUser), request.Probes, options.ProbeTimeout);
        FreeSwitchHostFacts fs;
        try
        {
            fs = await new FreeSwitchFactsCollector(factsOptions).CollectAsync(shell, cancellationToken);
        }
        catch (FactsException ex)
        {
            return new HostFacts { FreeSwitchError = ex.Message, Probes = shell.Results };
        }

        PlacementReport? placement = null;
        if (fs.Config is not null)
        {
            placement = CapturePlacement.Check(fs.PlacementInput());
        }

        return new HostFacts { FreeSwitch = fs, Placement = placement, Configuration = fs.Configuration, Probes = shell.Results };
    }
}
