namespace Orchestrator.FreeSwitch.Placement;

public sealed record PlacementReport(
    HostVerdict Verdict,
    string Reason,
    IReadOnlyList<SocketPlacement> Sockets,
    PortRange RtpRange,
    PortSet Unreserved)
{
    /// <summary>Why the capture sockets could not all be seen (so "no collision" is unknown), or null.</summary>
    public string? SocketsUnknown { get; init; }

    /// <summary>Why <see cref="Unreserved"/> is not known (a port sysctl could not be read), or null.</summary>
    public string? UnreservedUnknown { get; init; }

    public IReadOnlyList<SocketPlacement> Colliding => Sockets.Where(s => s.Verdict == SocketVerdict.Collides).ToList();

    public static string VerdictName(HostVerdict verdict) => verdict switch
    {
        HostVerdict.Protected => "protected",
        HostVerdict.AtRisk => "at-risk",
        HostVerdict.Unknown => "unknown",
        _ => "colliding",
    };

    public static string VerdictName(SocketVerdict verdict) => verdict == SocketVerdict.Clear ? "clear" : "collides";
}
