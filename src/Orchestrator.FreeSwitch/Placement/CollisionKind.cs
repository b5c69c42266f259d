namespace Orchestrator.FreeSwitch.Placement;

/// <summary>What a colliding capture socket takes away from calls.</summary>
public enum CollisionKind
{
    /// <summary>An even port in [start, end]: the RTP bind of a call handed that port fails.</summary>
    Rtp,

    /// <summary>An odd port in [start+1, end+1] while RTCP is in use: the RTCP bind (port+1) fails.</summary>
    Rtcp,
}
