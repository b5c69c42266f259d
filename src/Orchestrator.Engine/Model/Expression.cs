using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>A template-able expression with where it was written.</summary>
internal sealed record Expression(string Text, SourceLocation Location);
