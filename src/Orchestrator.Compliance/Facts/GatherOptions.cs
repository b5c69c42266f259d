using Orchestrator.FreeSwitch.Facts;

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
