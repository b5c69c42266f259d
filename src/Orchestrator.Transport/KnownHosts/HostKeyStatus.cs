namespace Orchestrator.Transport.KnownHosts;

internal enum HostKeyStatus
{
    Known,
    Unknown,

    /// <summary>A key of the same type is recorded for the host, and it is a different key.</summary>
    Changed,

    /// <summary>Keys of other types are recorded for the host, none of the presented type.</summary>
    OtherTypeKnown,
    Revoked,
}
