using FreeSwitch.Config;

namespace Orchestrator.Compliance.Facts;

/// <summary>
/// What the checks read about one host, gathered in one batched round trip. The FreeSWITCH facts come from
/// <c>Orchestrator.FreeSwitch</c> (config reader, socket table, §12 placement); this record is the compliance
/// layer's view of them, so checks can be tested on plain data.
/// </summary>
public sealed record HostFacts
{
    /// <summary>The effective configuration, or null when it could not be read (see <see cref="ConfigurationError"/>).</summary>
    public FreeSwitchConfiguration? Configuration { get; init; }

    public string? ConfigurationError { get; init; }

    /// <summary>Modification time of each configuration file read (host path), to tell whether the running process saw it.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ConfigFileTimes { get; init; } = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    public bool FreeSwitchRunning { get; init; }

    public DateTimeOffset? FreeSwitchStartedAt { get; init; }

    /// <summary>Profiles <c>sofia status</c> lists as RUNNING.</summary>
    public IReadOnlyList<string> RunningProfiles { get; init; } = [];

    /// <summary>FreeSWITCH's connected UDP sockets to the capture server, with the §12 verdict for each.</summary>
    public IReadOnlyList<CaptureSocketFact> CaptureSockets { get; init; } = [];

    /// <summary>The RTP range in effect (from switch.conf, defaults applied).</summary>
    public PortRange? RtpRange { get; init; }

    /// <summary>The RTP IPs of the running profiles.</summary>
    public IReadOnlyList<string> RtpIps { get; init; } = [];

    /// <summary>Whether RTCP (port+1) is in use on some profile, which widens the range a capture port can hit.</summary>
    public bool RtcpInUse { get; init; }

    /// <summary><c>net.ipv4.ip_local_port_range</c>.</summary>
    public PortRange? EphemeralRange { get; init; }

    /// <summary><c>net.ipv4.ip_local_reserved_ports</c> as the kernel prints it (may be empty).</summary>
    public string ReservedPortsText { get; init; } = string.Empty;

    /// <summary>The reserved ports parsed into ranges.</summary>
    public IReadOnlyList<PortRange> ReservedPorts { get; init; } = [];

    /// <summary>The §12 verdict for the host as a whole.</summary>
    public HostPlacement Placement { get; init; } = HostPlacement.Unknown;

    /// <summary>Ports of [rtp start, rtp end+1] that the ephemeral range reaches and the reserved ports do not cover.</summary>
    public IReadOnlyList<PortRange> ExposedPorts { get; init; } = [];

    /// <summary><c>Bind Error</c> lines in the log over <see cref="BindErrorWindow"/>; null when the log could not be read.</summary>
    public int? BindErrorCount { get; init; }

    public TimeSpan BindErrorWindow { get; init; }

    /// <summary>The last few bind-error lines, as evidence.</summary>
    public IReadOnlyList<string> BindErrorSamples { get; init; } = [];

    /// <summary>Results of the policy's own commands (service and command checks), by probe key.</summary>
    public IReadOnlyDictionary<string, ProbeResult> Probes { get; init; } = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);

    /// <summary>Facts that could not be gathered, with the reason (a check that needs one reports error).</summary>
    public IReadOnlyDictionary<string, string> GatherErrors { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>An inclusive port range.</summary>
public readonly record struct PortRange(int Low, int High)
{
    public bool Contains(int port) => port >= Low && port <= High;

    public bool Overlaps(PortRange other) => Low <= other.High && other.Low <= High;

    public override string ToString() => Low == High ? Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : FormattableString.Invariant($"{Low}-{High}");
}

/// <summary>One capture socket: FreeSWITCH's connected UDP socket to the capture server.</summary>
/// <param name="Collides">The §12 verdict: the port can be handed to a call as RTP (or RTCP) on the same IP.</param>
/// <param name="Reason">Why it collides or is clear, in words.</param>
public sealed record CaptureSocketFact(string LocalIp, int LocalPort, string PeerIp, int PeerPort, bool Collides, string Reason);

public enum HostPlacement
{
    /// <summary>Not known (FreeSWITCH facts missing).</summary>
    Unknown,

    /// <summary>Reserved ports cover the RTP range, or the ephemeral range does not reach it.</summary>
    Protected,

    /// <summary>No socket collides now, but the next reopen or restart can.</summary>
    AtRisk,

    /// <summary>A capture socket collides now.</summary>
    Colliding,
}

/// <summary>The output of one of the policy's own commands, run inside the facts batch.</summary>
public sealed record ProbeResult(int ExitCode, string Stdout, string Stderr);

/// <summary>One command a check wants run in the facts batch.</summary>
/// <param name="Key">Unique within a pass; the result comes back under it.</param>
public sealed record ProbeRequest(string Key, string Command);

/// <summary>What a pass asks the gatherer for, beyond the fixed FreeSWITCH facts.</summary>
public sealed record FactsRequest(TimeSpan BindErrorWindow, IReadOnlyList<ProbeRequest> Probes);

/// <summary>Gathers a host's facts over an open connection in one batched command.</summary>
public interface IHostFactsGatherer
{
    Task<HostFacts> GatherAsync(Core.Transport.IHostConnection connection, FactsRequest request, CancellationToken cancellationToken);
}

public static class HostPlacementNames
{
    /// <summary>The stable wire name: unknown, protected, at-risk, colliding.</summary>
    public static string ToWire(this HostPlacement placement) => placement switch
    {
        HostPlacement.Protected => "protected",
        HostPlacement.AtRisk => "at-risk",
        HostPlacement.Colliding => "colliding",
        _ => "unknown",
    };
}
