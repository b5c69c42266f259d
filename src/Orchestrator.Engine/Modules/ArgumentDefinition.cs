namespace Orchestrator.Engine.Modules;

/// <summary>One argument of a module.</summary>
public sealed record ArgumentDefinition(string Name, ArgumentType Type)
{
    public bool Required { get; init; }

    public object? Default { get; init; }

    /// <summary>Allowed values (compared as text), or null for any.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The value is secret: it is redacted from every output.</summary>
    public bool Secret { get; init; }
}
