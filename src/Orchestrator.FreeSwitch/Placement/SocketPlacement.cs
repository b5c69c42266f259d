using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Placement;

public sealed record SocketPlacement(UdpSocket Socket, SocketVerdict Verdict, CollisionKind? Kind, string Reason)
{
    public int Port => Socket.LocalPort;
}
