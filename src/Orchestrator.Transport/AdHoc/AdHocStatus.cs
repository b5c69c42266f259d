namespace Orchestrator.Transport.AdHoc;

public enum AdHocStatus
{
    /// <summary>The command ran and exited 0 (Ansible reports a shell command as changed).</summary>
    Changed,

    /// <summary>The command ran and exited non-zero, or could not be run (e.g. a sudo failure).</summary>
    Failed,

    /// <summary>The host could not be reached or logged into, or the connection broke.</summary>
    Unreachable,
}
