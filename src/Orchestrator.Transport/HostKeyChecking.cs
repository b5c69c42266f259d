namespace Orchestrator.Transport;

/// <summary>How host keys are checked against known_hosts (OpenSSH's <c>StrictHostKeyChecking</c>).</summary>
public enum HostKeyChecking
{
    /// <summary>Default. An unknown or changed key fails the host before anything runs (<c>yes</c>, <c>ask</c>).</summary>
    Strict,

    /// <summary>Unknown keys are recorded in the first user known_hosts file; changed keys are still refused.</summary>
    AcceptNew,

    /// <summary>No checking (only <c>@revoked</c> keys are refused). Must be asked for explicitly and warns on every run.</summary>
    Off,
}
