namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>A <c>name=value</c> argument in a call to lookup()/query(); the translator wraps each in one.</summary>
internal sealed record KeywordArgument(string Name, object? Value);
