namespace Orchestrator.Transport.KnownHosts;

internal enum KnownHostMarker
{
    None,
    Revoked,
    CertAuthority,
}
