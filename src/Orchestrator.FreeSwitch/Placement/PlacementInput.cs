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

    /// <summary>
    /// Why the capture sockets could not all be seen (<see cref="CaptureSockets"/> is then only what was seen), or null.
    /// A socket seen colliding still collides; "none collides" cannot be said.
    /// </summary>
    public string? CaptureSocketsUnreadable { get; init; }

    /// <summary>Why <c>net.ipv4.ip_local_reserved_ports</c> could not be read (<see cref="ReservedPorts"/> is then empty), or null.</summary>
    public string? ReservedPortsUnreadable { get; init; }

    /// <summary><c>rtp-port-usage-robustness</c> is true in the config and the running process started after that change.</summary>
    public bool RobustnessInEffect { get; init; }
}
