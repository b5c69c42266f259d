namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>A lookup could not give its value (missing file, bad term); <c>errors=ignore|warn</c> may swallow it.</summary>
internal sealed class LookupException(string message) : Exception(message);
