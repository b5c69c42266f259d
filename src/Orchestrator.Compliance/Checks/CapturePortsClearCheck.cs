using Orchestrator.Compliance.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>capture_ports_clear</c>: no capture socket sits on a port a call can be handed as RTP or RTCP (§12, decided by
/// Orchestrator.FreeSwitch). A collision seen fails; no collision seen passes only when the sockets could all be read.
/// </summary>
internal sealed class CapturePortsClearCheck : Check
{
    public const string Name = "capture_ports_clear";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "No capture socket's local port collides with the RTP range on the same IP (§12 placement).",
        [],
        _ => new CapturePortsClearCheck());

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts, out var fs, out _) is { } missing)
        {
            return missing;
        }

        if (FactGuards.NeedRunning(fs) is { } notRunning)
        {
            return notRunning;
        }

        var placement = facts.Placement!;
        var colliding = placement.Colliding;
        var evidence = new Dictionary<string, object?>
        {
            ["rtp_range"] = placement.RtpRange.ToString(),
            ["rtp_ips"] = fs.RtpAddresses().Select(a => (object?)$"{a.Address}{(a.Rtcp ? " (rtcp)" : string.Empty)}").Distinct().ToList(),
            ["capture_sockets"] = placement.Sockets
                .Select(s => (object?)new Dictionary<string, object?>
                {
                    ["local"] = s.Socket.Local,
                    ["peer"] = s.Socket.Peer,
                    ["verdict"] = PlacementReport.VerdictName(s.Verdict),
                    ["reason"] = s.Reason,
                })
                .ToList(),
            ["colliding_ports"] = colliding.Select(s => (object?)(long)s.Port).ToList(),
        };
        if (colliding.Count > 0)
        {
            return CheckOutcome.Fail(
                $"capture port(s) {string.Join(", ", colliding.Select(s => s.Socket.Local))} collide with the RTP range {placement.RtpRange}: calls handed them fail with Bind Error",
                evidence);
        }

        // No collision seen is a pass only when every socket could be seen.
        if (placement.SocketsUnknown is { } why)
        {
            return FactGuards.Unreadable("whether a capture port collides (no collision seen among the sockets that could be read)", why, evidence);
        }

        return CheckOutcome.Pass(
            placement.Sockets.Count == 0 ? "no capture sockets" : $"capture port(s) {string.Join(", ", placement.Sockets.Select(s => s.Port))} clear of the RTP range {placement.RtpRange}",
            evidence);
    }
}
