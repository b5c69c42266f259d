namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Facts could not be gathered at all (the shell or the transport failed, not FreeSWITCH).</summary>
public sealed class FactsException(string message) : Exception(message);
