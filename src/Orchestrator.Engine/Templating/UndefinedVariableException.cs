using Scriban.Parsing;

namespace Orchestrator.Engine.Templating;

/// <summary>An undefined variable was used; the engine adds the file and the expression.</summary>
internal sealed class UndefinedVariableException(string name, SourceSpan? span = null) : Exception($"undefined variable '{name}'")
{
    public string VariableName { get; } = name;

    /// <summary>Where in the template text it was used, when known (0-based).</summary>
    public SourceSpan? Span { get; } = span;
}
