using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Toggle;

/// <summary>One attempt of the toggle: the capture ports it ended with and the placement of each.</summary>
public sealed record ToggleAttempt(int Number, IReadOnlyList<int> Ports, PlacementReport Report)
{
    public bool Clear => Report.Colliding.Count == 0;
}
