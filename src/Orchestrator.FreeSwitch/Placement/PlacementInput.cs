using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Placement;

/// <summary>Everything §12 looks at on one host.</summary>
public sealed record PlacementInput
{
    public required int RtpStartPort { get; init; }

    public required int RtpEndPort { get; init; }

    public required IReadOnlyList<RtpAddress> RtpAddresses { get; init; }

    /// <summary>The capture sockets: ESTAB, owned by freeswitch, peer = the capture server.</summary>
    public required IReadOnlyList<UdpSocket> CaptureSockets { get; init; }

    /// <summary><c>net.ipv4.ip_local_port_range</c>, or null when it could not be read.</summary>
    public PortRange? EphemeralRange { get; init; }

    /// <summary><c>net.ipv4.ip_local_reserved_ports</c>.</summary>
    public PortSet ReservedPorts { get; init; } = PortSet.Empty;

    /// <summary><c>rtp-port-usage-robustness</c> is true in the config and the running process started after that change.</summary>
    public bool RobustnessInEffect { get; init; }
}
