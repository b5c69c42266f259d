namespace Orchestrator.Transport.Ssh;

/// <summary>A failed connect attempt to one endpoint of a chain; the retry policy looks at the inner exception.</summary>
internal sealed class SshConnectFailure : Exception
{
    public SshConnectFailure(string target, Exception inner)
        : base($"cannot connect to {target}: {SshFailures.Describe(inner)}", inner)
    {
        Target = target;
    }

    /// <summary>"root@10.0.0.2:22", or "jump host bastion (root@10.0.0.1:22)".</summary>
    public string Target { get; }
}
