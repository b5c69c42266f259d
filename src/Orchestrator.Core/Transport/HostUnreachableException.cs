namespace Orchestrator.Core.Transport;

/// <summary>The host could not be reached or logged into. The engine reports such hosts as UNREACHABLE.</summary>
public sealed class HostUnreachableException : Exception
{
    public HostUnreachableException(string hostName, UnreachableReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        HostName = hostName;
        Reason = reason;
    }

    public string HostName { get; }

    public UnreachableReason Reason { get; }
}
