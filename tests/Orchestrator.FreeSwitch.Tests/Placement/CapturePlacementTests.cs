using System.Net;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Tests.Placement;

/// <summary>Facts §12, case by case, with hand-computed expectations.</summary>
public sealed class CapturePlacementTests
{
    private static readonly IPAddress Host = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Homer = IPAddress.Parse("10.0.0.1");

    private static UdpSocket Capture(int port, string local = "10.0.0.5") =>
        new("ESTAB", IPAddress.Parse(local), port, Homer, 9060, 100);

    private static PlacementInput Input(int[] ports, bool rtcp = false, string reserved = "", PortRange? eph = null, string rtpIp = "10.0.0.5", bool robust = false) => new()
    {
        RtpStartPort = 20000,
        RtpEndPort = 20099,
        RtpAddresses = [new RtpAddress(IPAddress.Parse(rtpIp), rtcp, "internal")],
        CaptureSockets = ports.Select(p => Capture(p)).ToList(),
        EphemeralRange = eph ?? new PortRange(20000, 20199),
        ReservedPorts = PortSet.Parse(reserved),
        RobustnessInEffect = robust,
    };

    [Fact]
    public void Check_EvenPortInsideRange_CollidesWithRtp()
    {
        var report = CapturePlacement.Check(Input([20042]));
        var socket = Assert.Single(report.Sockets);
        Assert.Equal(SocketVerdict.Collides, socket.Verdict);
        Assert.Equal(CollisionKind.Rtp, socket.Kind);
        Assert.Contains("20042", socket.Reason);
        Assert.Contains("RTP", socket.Reason);
        Assert.Equal(HostVerdict.Colliding, report.Verdict);
        Assert.Contains("10.0.0.5:20042 (RTP, even)", report.Reason);
    }

    [Theory]
    [InlineData(20000, true)]
    [InlineData(20098, true)]
    [InlineData(20100, false)] // end is 20099: 20100 is even but outside [start, end]
    [InlineData(19998, false)]
    public void Check_EvenPortBounds_Inclusive(int port, bool collides)
    {
        var report = CapturePlacement.Check(Input([port]));
        Assert.Equal(collides ? SocketVerdict.Collides : SocketVerdict.Clear, report.Sockets[0].Verdict);
    }

    [Theory]
    [InlineData(20001, true)]
    [InlineData(20099, true)]
    [InlineData(20100, false)]
    [InlineData(20101, false)]
    public void Check_OddPortWithRtcp_CollidesInsideStartPlusOneToEndPlusOne(int port, bool collides)
    {
        // RTCP range is [start+1, end+1] = [20001, 20100]; only odd ports: 20100 is even and outside [start, end].
        var report = CapturePlacement.Check(Input([port], rtcp: true));
        Assert.Equal(collides ? SocketVerdict.Collides : SocketVerdict.Clear, report.Sockets[0].Verdict);
        if (collides)
        {
            Assert.Equal(CollisionKind.Rtcp, report.Sockets[0].Kind);
            Assert.Contains("RTCP", report.Sockets[0].Reason);
        }
    }

    [Fact]
    public void Check_OddPortWithoutRtcp_Clear()
    {
        var report = CapturePlacement.Check(Input([20043]));
        Assert.Equal(SocketVerdict.Clear, report.Sockets[0].Verdict);
        Assert.Contains("RTCP is not in use", report.Sockets[0].Reason);
        Assert.Equal(HostVerdict.AtRisk, report.Verdict);
    }

    [Fact]
    public void Check_LocalIpDiffersFromRtpIp_Clear()
    {
        var report = CapturePlacement.Check(Input([20042], rtpIp: "10.0.0.6"));
        Assert.Equal(SocketVerdict.Clear, report.Sockets[0].Verdict);
        Assert.Contains("not an RTP IP (10.0.0.6)", report.Sockets[0].Reason);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Check_WildcardRtpIp_CountsAsSameIp(string rtpIp)
    {
        var report = CapturePlacement.Check(Input([20042], rtpIp: rtpIp));
        Assert.Equal(SocketVerdict.Collides, report.Sockets[0].Verdict);
    }

    [Fact]
    public void Check_Ipv4MappedLocalAddress_CountsAsSameIp()
    {
        var input = Input([]) with { CaptureSockets = [Capture(20042, "::ffff:10.0.0.5")] };
        Assert.Equal(SocketVerdict.Collides, CapturePlacement.Check(input).Sockets[0].Verdict);
    }

    [Fact]
    public void Check_ReservedCoversRange_Protected()
    {
        var report = CapturePlacement.Check(Input([20150], reserved: "20000-20100"));
        Assert.Equal(HostVerdict.Protected, report.Verdict);
        Assert.Contains("covers", report.Reason);
        Assert.True(report.Unreserved.IsEmpty);
    }

    [Fact]
    public void Check_ReservedMissesEndPlusOne_AtRiskNamingThePort()
    {
        // [start, end+1] = 20000-20100: reserving only up to the end leaves the RTCP port of the last slot.
        var report = CapturePlacement.Check(Input([20150], reserved: "20000-20099"));
        Assert.Equal(HostVerdict.AtRisk, report.Verdict);
        Assert.Equal("20100", report.Unreserved.ToString());
        Assert.Contains("leaves 20100 unreserved", report.Reason);
    }

    [Fact]
    public void Check_EphemeralRangeAboveRtpRange_Protected()
    {
        var report = CapturePlacement.Check(Input([45000], eph: new PortRange(40000, 60999)));
        Assert.Equal(HostVerdict.Protected, report.Verdict);
        Assert.Contains("does not overlap", report.Reason);
    }

    [Fact]
    public void Check_VanillaRangeAndKernelDefault_AtRiskAt32768And32769()
    {
        // Vanilla 16384-32768 against the kernel's 32768-60999: they share 32768 and the RTCP port 32769 (facts §11).
        var input = Input([40000], eph: new PortRange(32768, 60999)) with { RtpStartPort = 16384, RtpEndPort = 32768 };
        var report = CapturePlacement.Check(input);
        Assert.Equal(HostVerdict.AtRisk, report.Verdict);
        Assert.Equal("32768-32769", report.Unreserved.ToString());
    }

    [Fact]
    public void Check_CollidingBeatsProtected()
    {
        // Reserving does not move sockets that already exist (facts §11).
        var report = CapturePlacement.Check(Input([20042], reserved: "20000-20100"));
        Assert.Equal(HostVerdict.Colliding, report.Verdict);
    }

    [Fact]
    public void Check_RobustnessInEffect_StillAtRiskButSaysSo()
    {
        var report = CapturePlacement.Check(Input([20150], robust: true));
        Assert.Equal(HostVerdict.AtRisk, report.Verdict);
        Assert.Contains("even (RTP) ports only", report.Reason);
    }

    [Fact]
    public void ToggleCannotSucceed_EphemeralInsideRtpRange_True()
    {
        var input = Input([20042], eph: new PortRange(20010, 20090));
        Assert.True(CapturePlacement.ToggleCannotSucceed(input, out var reason));
        Assert.Contains("20010-20090", reason);
    }

    [Fact]
    public void ToggleCannotSucceed_RoomAboveTheRange_False()
    {
        Assert.False(CapturePlacement.ToggleCannotSucceed(Input([20042]), out _));
    }

    [Fact]
    public void ToggleCannotSucceed_OnlyRoomIsReserved_True()
    {
        // 20101-20199 is the only room outside [20000, 20100], and it is reserved.
        Assert.True(CapturePlacement.ToggleCannotSucceed(Input([20042], reserved: "20101-20199"), out var reason));
        Assert.Contains("20000-20100", reason);
    }

    [Fact]
    public void Check_SocketsUnreadable_NoCollisionSeen_IsUnknownNotProtected()
    {
        var report = CapturePlacement.Check(Input([], reserved: "20000-20100") with { CaptureSocketsUnreadable = "fds: Permission denied: /proc/7/fd" });

        Assert.Equal(HostVerdict.Unknown, report.Verdict);
        Assert.Equal("unknown", PlacementReport.VerdictName(report.Verdict));
        Assert.Equal("the capture sockets could not be read (fds: Permission denied: /proc/7/fd): whether one collides is unknown", report.Reason);
        Assert.Equal("fds: Permission denied: /proc/7/fd", report.SocketsUnknown);
        Assert.Null(report.UnreservedUnknown);
    }

    [Fact]
    public void Check_SocketsUnreadable_ACollisionSeen_StillColliding()
    {
        var report = CapturePlacement.Check(Input([20042]) with { CaptureSocketsUnreadable = "fds: Permission denied" });

        Assert.Equal(HostVerdict.Colliding, report.Verdict);
    }

    [Fact]
    public void Check_ReservedPortsUnreadable_RangeOverlaps_IsUnknown()
    {
        var report = CapturePlacement.Check(Input([40000]) with { ReservedPortsUnreadable = "Permission denied" });

        Assert.Equal(HostVerdict.Unknown, report.Verdict);
        Assert.StartsWith("net.ipv4.ip_local_reserved_ports could not be read (Permission denied)", report.UnreservedUnknown, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReservedPortsUnreadable_RangeNeverReachesRtp_StillProtected()
    {
        var report = CapturePlacement.Check(Input([40000], eph: new PortRange(32768, 60999)) with { ReservedPortsUnreadable = "Permission denied" });

        Assert.Equal(HostVerdict.Protected, report.Verdict);
        Assert.Null(report.UnreservedUnknown);
    }

    [Fact]
    public void Check_PortRangeUnreadable_ReservedCoversAll_ProtectedElseUnknown()
    {
        var covered = CapturePlacement.Check(Input([40000], reserved: "20000-20100") with { EphemeralRange = null });
        var partly = CapturePlacement.Check(Input([40000], reserved: "20000-20050") with { EphemeralRange = null });

        Assert.Equal(HostVerdict.Protected, covered.Verdict);
        Assert.Equal(HostVerdict.Unknown, partly.Verdict);
        Assert.Equal("net.ipv4.ip_local_port_range could not be read", partly.UnreservedUnknown);
    }
}
