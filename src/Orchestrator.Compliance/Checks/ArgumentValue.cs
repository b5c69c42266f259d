using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Checks;

/// <summary>A parameter's value as read from the policy, already converted to its kind, with where it was written.</summary>
internal sealed record ArgumentValue(object Value, SourceLocation Location);
