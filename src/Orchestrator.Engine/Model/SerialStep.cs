namespace Orchestrator.Engine.Model;

/// <summary>One entry of <c>serial</c>: a host count or a percentage of the play's hosts.</summary>
internal readonly record struct SerialStep(long Count, bool IsPercent);
