namespace Orchestrator.Compliance.Checks;

/// <summary>A built-in check type: its name, parameters and how to build it.</summary>
internal sealed record CheckType(string Name, string Summary, IReadOnlyList<CheckParam> Params, Func<CheckArguments, Check> Create);
