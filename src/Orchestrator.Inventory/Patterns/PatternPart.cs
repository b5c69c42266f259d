using Orchestrator.Core.Errors;

namespace Orchestrator.Inventory.Patterns;

/// <summary>One host pattern and where it came from (for error messages).</summary>
internal readonly record struct PatternPart(string Text, SourceLocation Location);
