namespace Orchestrator.Transport.Settings;

internal enum ConnectionKind
{
    Ssh,
    Local,
}
