using System.Globalization;

namespace Orchestrator.FreeSwitch.Placement;

/// <summary>An inclusive port range.</summary>
public readonly record struct PortRange(int Low, int High)
{
    public int Count => High - Low + 1;

    public bool Contains(int port) => port >= Low && port <= High;

    public override string ToString() =>
        Low == High ? Low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Low}-{High}");
}
