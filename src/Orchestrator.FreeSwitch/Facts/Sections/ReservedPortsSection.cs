using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>reserved_ports</c>: <c>net.ipv4.ip_local_reserved_ports</c> (empty when nothing is reserved).</summary>
internal sealed class ReservedPortsSection : ProcSysSection<PortSet>
{
    public override string Name => "reserved_ports";

    protected override string File => "/proc/sys/net/ipv4/ip_local_reserved_ports";

    public override SectionResult<PortSet> Parse(string text)
    {
        var trimmed = text.Trim();
        return PortSet.TryParse(trimmed, out var reserved)
            ? SectionResult<PortSet>.Read(reserved)
            : SectionResult<PortSet>.Unreadable($"net.ipv4.ip_local_reserved_ports could not be read: '{trimmed}'");
    }
}
