namespace Orchestrator.FreeSwitch.Placement;

public sealed record PlacementReport(
    HostVerdict Verdict,
    string Reason,
    IReadOnlyList<SocketPlacement> Sockets,
    PortRange RtpRange,
    PortSet Unreserved)
{
    public IReadOnlyList<SocketPlacement> Colliding => Sockets.Where(s => s.Verdict == SocketVerdict.Collides).ToList();

    public static string VerdictName(HostVerdict verdict) => verdict switch
    {
        HostVerdict.Protected => "protected",
        HostVerdict.AtRisk => "at-risk",
        _ => "colliding",
    };

    public static string VerdictName(SocketVerdict verdict) => verdict == SocketVerdict.Clear ? "clear" : "collides";
}
