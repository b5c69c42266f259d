namespace Orchestrator.Core.Transport;

public enum UnreachableReason
{
    Network,
    Timeout,
    Authentication,
    HostKey,
}
