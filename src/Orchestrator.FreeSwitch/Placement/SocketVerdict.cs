namespace Orchestrator.FreeSwitch.Placement;

/// <summary>Per capture socket (facts §12).</summary>
public enum SocketVerdict
{
    Clear,
    Collides,
}
