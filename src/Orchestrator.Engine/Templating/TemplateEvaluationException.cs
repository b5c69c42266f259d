namespace Orchestrator.Engine.Templating;

/// <summary>A function or filter failed on its input; the engine adds the file and expression.</summary>
internal sealed class TemplateEvaluationException(string message) : Exception(message);
