using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>A <c>vars_files</c> entry as written (the path may be a template).</summary>
internal sealed record VarsFile(string Path, SourceLocation Location);
