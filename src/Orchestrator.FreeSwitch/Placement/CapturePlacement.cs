using System.Globalization;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Placement;

/// <summary>
/// The placement rules of facts §12, and nothing else: a pure function of the host's RTP range, RTP IPs,
/// capture sockets and port sysctls.
/// </summary>
public static class CapturePlacement
{
    public static PlacementReport Check(PlacementInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = input.RtpStartPort;
        var end = input.RtpEndPort;
        var sockets = input.CaptureSockets.Select(s => CheckSocket(s, input)).ToList();

        // [start, end+1]: every port an RTP (even) or RTCP (odd, port+1) bind can ask for.
        var guarded = new PortRange(start, end + 1);
        var reserved = input.ReservedPorts;
        var unreserved = input.EphemeralRange is { } eph
            ? PortSet.Except(PortSet.Of(guarded).Intersect(eph), reserved)
            : PortSet.Except(PortSet.Of(guarded), reserved);
        var colliding = sockets.Where(s => s.Verdict == SocketVerdict.Collides).ToList();
        var robustnessNote = input.RobustnessInEffect
            ? "; rtp-port-usage-robustness is in effect, which guards even (RTP) ports only"
            : string.Empty;

        // What could not be read: the sockets (then no collision seen is not "none collides"), or a port sysctl (then
        // "protected" holds only when what is known proves it).
        var unreservedUnknown = input.ReservedPortsUnreadable is { } r
            ? $"net.ipv4.ip_local_reserved_ports could not be read ({r})"
            : input.EphemeralRange is null ? "net.ipv4.ip_local_port_range could not be read" : null;
        var provenProtected = input.ReservedPortsUnreadable is null
            ? unreserved.IsEmpty
            : input.EphemeralRange is { } e && PortSet.Of(guarded).Intersect(e).IsEmpty;

        HostVerdict verdict;
        string reason;
        if (colliding.Count > 0)
        {
            verdict = HostVerdict.Colliding;
            reason = string.Create(
                CultureInfo.InvariantCulture,
                $"{colliding.Count} of {sockets.Count} capture socket(s) collide: {string.Join(", ", colliding.Select(c => $"{c.Socket.Local} ({(c.Kind == CollisionKind.Rtp ? "RTP, even" : "RTCP, odd")})"))}{robustnessNote}");
        }
        else if (input.CaptureSocketsUnreadable is { } unseen)
        {
            verdict = HostVerdict.Unknown;
            reason = $"the capture sockets could not be read ({unseen}): whether one collides is unknown";
        }
        else if (unreservedUnknown is not null && !provenProtected)
        {
            verdict = HostVerdict.Unknown;
            reason = $"{unreservedUnknown}: whether the kernel may pick ports in {guarded} is unknown{robustnessNote}";
        }
        else if (!unreserved.IsEmpty)
        {
            verdict = HostVerdict.AtRisk;
            reason = $"ip_local_port_range {input.EphemeralRange} overlaps the RTP range {guarded} (RTCP included) and ip_local_reserved_ports "
                + $"({Describe(reserved)}) leaves {Describe(unreserved)} unreserved: the next capture reopen or restart can collide{robustnessNote}";
        }
        else if (input.EphemeralRange is not { } range)
        {
            verdict = HostVerdict.Protected;
            reason = $"ip_local_reserved_ports ({reserved}) covers the whole RTP range {guarded} (ip_local_port_range could not be read, and need not be)";
        }
        else if (PortSet.Of(guarded).Intersect(range).IsEmpty)
        {
            verdict = HostVerdict.Protected;
            reason = $"ip_local_port_range {range} does not overlap the RTP range {guarded} (RTCP included)";
        }
        else
        {
            verdict = HostVerdict.Protected;
            reason = $"ip_local_reserved_ports ({reserved}) covers the part of the RTP range {guarded} that ip_local_port_range {range} overlaps";
        }

        return new PlacementReport(verdict, reason, sockets, new PortRange(start, end), unreserved)
        {
            SocketsUnknown = input.CaptureSocketsUnreadable,
            UnreservedUnknown = provenProtected ? null : unreservedUnknown,
        };
    }

    /// <summary>
    /// True when the kernel can never auto-assign a port outside [start, end+1]: every port of the ephemeral
    /// range that is not reserved lies inside it, so toggling capture cannot move a socket out.
    /// </summary>
    public static bool ToggleCannotSucceed(PlacementInput input, out string reason)
    {
        reason = string.Empty;
        if (input.EphemeralRange is not { } eph)
        {
            return false;
        }

        var assignable = PortSet.Except(PortSet.Of(eph), input.ReservedPorts);
        var guarded = new PortRange(input.RtpStartPort, input.RtpEndPort + 1);
        if (assignable.IsEmpty)
        {
            reason = $"every port of ip_local_port_range {eph} is reserved (ip_local_reserved_ports {input.ReservedPorts}): the kernel has no port to give a capture socket";
            return true;
        }

        if (PortSet.Except(assignable, PortSet.Of(guarded)).IsEmpty)
        {
            reason = $"every port the kernel can auto-assign ({assignable}: ip_local_port_range {eph} minus ip_local_reserved_ports) lies inside the RTP range {guarded}; "
                + "toggling capture cannot move the sockets out. Reserve the RTP range (remedy 'reserve') or widen net.ipv4.ip_local_port_range";
            return true;
        }

        return false;
    }

    private static SocketPlacement CheckSocket(UdpSocket socket, PlacementInput input)
    {
        var start = input.RtpStartPort;
        var end = input.RtpEndPort;
        var port = socket.LocalPort;
        var local = socket.LocalAddress;
        var sameIp = input.RtpAddresses
            .Where(r => Addresses.IsWildcard(local) || Addresses.IsWildcard(r.Address) || Addresses.SameAddress(local, r.Address))
            .ToList();
        var range = new PortRange(start, end);
        var at = socket.Local;
        if (sameIp.Count == 0)
        {
            var ips = string.Join(", ", input.RtpAddresses.Select(r => Addresses.Normalize(r.Address).ToString()).Distinct(StringComparer.Ordinal));
            return new SocketPlacement(socket, SocketVerdict.Clear, null, $"{at} is clear: its local IP is not an RTP IP ({(ips.Length == 0 ? "none" : ips)})");
        }

        var rtcpIn = sameIp.Where(r => r.Rtcp).Select(r => r.Profile).Distinct(StringComparer.Ordinal).ToList();
        if (port % 2 == 0 && range.Contains(port))
        {
            return new SocketPlacement(
                socket, SocketVerdict.Collides, CollisionKind.Rtp, $"{at} collides with RTP: even port {port} inside the RTP range {range} on RTP IP {Addresses.Normalize(sameIp[0].Address)}");
        }

        if (port % 2 == 1 && port >= start + 1 && port <= end + 1)
        {
            if (rtcpIn.Count > 0)
            {
                return new SocketPlacement(
                    socket,
                    SocketVerdict.Collides,
                    CollisionKind.Rtcp,
                    $"{at} collides with RTCP: odd port {port} inside {start + 1}-{end + 1} while RTCP is in use (profile {string.Join(", ", rtcpIn)})");
            }

            return new SocketPlacement(socket, SocketVerdict.Clear, null, $"{at} is clear: odd port {port} inside the RTP range, but RTCP is not in use");
        }

        return new SocketPlacement(socket, SocketVerdict.Clear, null, $"{at} is clear: port {port} is outside the RTP range {range} (RTCP {start + 1}-{end + 1})");
    }

    private static string Describe(PortSet set) => set.IsEmpty ? "none" : set.ToString();
}
