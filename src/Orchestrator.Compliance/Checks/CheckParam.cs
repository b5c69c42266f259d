namespace Orchestrator.Compliance.Checks;

/// <summary>A parameter a check type accepts.</summary>
internal sealed record CheckParam(string Name, ParamKind Kind, bool Required, string Help);
