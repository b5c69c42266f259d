namespace Orchestrator.FreeSwitch.Placement;

/// <summary>Per host (facts §12).</summary>
public enum HostVerdict
{
    /// <summary>Reserved ports cover the RTP range, or the kernel's ephemeral range never reaches it.</summary>
    Protected,

    /// <summary>No capture socket collides now, but the next reopen or restart can land in the RTP range.</summary>
    AtRisk,

    /// <summary>A capture socket sits on a port calls will be handed.</summary>
    Colliding,

    /// <summary>
    /// None of the above can be told: the capture sockets or the port sysctls could not be read (no collision was seen,
    /// which is not "none collides"). Never a pass.
    /// </summary>
    Unknown,
}
