using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Results;

/// <summary>The port layout of a host, for the HTML picture and the JSON report.</summary>
public sealed record HostPortPicture(
    PortRange? Rtp,
    PortRange? Ephemeral,
    IReadOnlyList<PortRange> Reserved,
    IReadOnlyList<CapturePort> CapturePorts,
    string Placement);
