using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Toggle;

public sealed record ToggleDecision(ToggleDecisionKind Kind, string Message, PlacementReport Report);
