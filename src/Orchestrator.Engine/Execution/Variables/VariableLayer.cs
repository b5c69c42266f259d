namespace Orchestrator.Engine.Execution.Variables;

/// <summary>One precedence level of variables; <see cref="Templatable"/> values are rendered when read.</summary>
internal readonly record struct VariableLayer(IReadOnlyDictionary<string, object?> Values, bool Templatable);
