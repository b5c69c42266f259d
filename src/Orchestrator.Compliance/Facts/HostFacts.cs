using FreeSwitch.Config;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Facts;

/// <summary>
/// What the checks read about one host: the FreeSWITCH facts and §12 placement from <c>Orchestrator.FreeSwitch</c>
/// (never re-derived here), the parsed configuration for generic param checks, and the output of the policy's own
/// commands, which ride in the same round trip as the facts.
/// </summary>
public sealed record HostFacts
{
    /// <summary>The FreeSWITCH facts, or null when they could not be gathered (see <see cref="FreeSwitchError"/>).</summary>
    public FreeSwitchHostFacts? FreeSwitch { get; init; }

    public string? FreeSwitchError { get; init; }

    /// <summary>The §12 verdicts, when the configuration could be read.</summary>
    public PlacementReport? Placement { get; init; }

    /// <summary>The whole configuration through the shared reader (for <c>config_param</c>), or null when not needed or unreadable.</summary>
    public FreeSwitchConfiguration? Configuration { get; init; }

    /// <summary>Results of the policy's own commands (service and command checks), by probe key.</summary>
    public IReadOnlyDictionary<string, ProbeResult> Probes { get; init; } = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);
}
