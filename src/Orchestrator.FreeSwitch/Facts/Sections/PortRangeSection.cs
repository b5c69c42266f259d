using System.Globalization;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>port_range</c>: <c>net.ipv4.ip_local_port_range</c>, the ports the kernel picks automatic ones from.</summary>
internal sealed class PortRangeSection : ProcSysSection<PortRange>
{
    public override string Name => "port_range";

    protected override string File => "/proc/sys/net/ipv4/ip_local_port_range";

    public override SectionResult<PortRange> Parse(string text)
    {
        var parts = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            ? SectionResult<PortRange>.Read(new PortRange(low, high))
            : SectionResult<PortRange>.Unreadable("net.ipv4.ip_local_port_range could not be read");
    }
}
