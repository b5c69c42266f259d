namespace Orchestrator.Compliance.Results;

/// <summary>Whether a host could be checked.</summary>
public enum HostState
{
    Reachable,
    Unreachable,
}
