using Orchestrator.Compliance.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>host_protected</c>: the kernel can never hand a capture socket a port in the RTP range (RTCP included), because
/// <c>ip_local_reserved_ports</c> covers the part of it that <c>ip_local_port_range</c> reaches (§12's protected).
/// </summary>
internal sealed class HostProtectedCheck : Check
{
    public const string Name = "host_protected";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "ip_local_reserved_ports covers the RTP range wherever ip_local_port_range reaches it.",
        [],
        _ => new HostProtectedCheck());

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts, out var fs, out _) is { } missing)
        {
            return missing;
        }

        var placement = facts.Placement!;
        var evidence = new Dictionary<string, object?>
        {
            ["rtp_range"] = placement.RtpRange.ToString(),
            ["ip_local_port_range"] = fs.EphemeralRange?.ToString(),
            ["ip_local_reserved_ports"] = fs.ReservedPorts.ToString(),
            ["unreserved_ports"] = placement.Unreserved.ToString(),
            ["placement"] = PlacementReport.VerdictName(placement.Verdict),
            ["reason"] = placement.Reason,
        };
        if (placement.UnreservedUnknown is { } why)
        {
            return FactGuards.Unreadable("whether the RTP range is reserved", why, evidence);
        }

        return placement.Unreserved.IsEmpty
            ? CheckOutcome.Pass(
                fs.ReservedPorts.IsEmpty
                    ? $"ip_local_port_range {fs.EphemeralRange} does not reach the RTP range {placement.RtpRange}"
                    : $"reserved ports {fs.ReservedPorts} cover the RTP range {placement.RtpRange} where ip_local_port_range {fs.EphemeralRange} reaches it",
                evidence)
            : CheckOutcome.Fail(
                $"ports {placement.Unreserved} of the RTP range can be auto-assigned to capture sockets (ip_local_port_range {fs.EphemeralRange?.ToString() ?? "unknown"}, reserved '{fs.ReservedPorts}')",
                evidence);
    }
}
