using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Toggle;

public sealed record ToggleOutcome(bool Succeeded, int Attempts, IReadOnlyList<int> InitialPorts, IReadOnlyList<int> FinalPorts, PlacementReport? FinalReport, string Message);
