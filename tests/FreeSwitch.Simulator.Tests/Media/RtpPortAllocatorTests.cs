using System.Net;
using System.Net.Sockets;
using FreeSwitch.Simulator.Media;
using FreeSwitch.Simulator.Tests.Support;
using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Media;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public void Request_OddBounds_EvenPortsOnlyAndEndInclusive()
    {
        var allocator = new RtpPortAllocator(IPAddress.Loopback, 30001, 30008, robust: false, new Random(1), null);

        var ports = Enumerable.Range(0, 4).Select(_ => allocator.Request()).ToList();

        Assert.Equal([30002, 30004, 30006, 30008], ports.Select(p => p!.Value).Order());
        Assert.Null(allocator.Request());
    }

    [Fact]
    public void Free_Port_CoolsDownForFourWalksOverItBeforeReuse()
    {
        // Every walk starts at the first slot, so each request passes over the freed port once more.
        var allocator = new RtpPortAllocator(IPAddress.Loopback, 30000, 30010, robust: false, new FixedRandom(0), null);
        var first = allocator.Request();

        allocator.Free(30000);
        var whileCooling = Enumerable.Range(0, 4).Select(_ => allocator.Request()).ToList();
        var afterCooling = allocator.Request();

        Assert.Equal(30000, first);
        Assert.Equal([30002, 30004, 30006, 30008], whileCooling);
        Assert.Equal(30000, afterCooling);
    }

    [Fact]
    public void Request_RobustnessCheckFails_PortCoolsDownLikeAFreedOne()
    {
        var ip = IPAddress.Parse(LoopbackAddresses.Next());
        var lines = new List<string>();
        var allocator = new RtpPortAllocator(ip, 30300, 30310, robust: true, new FixedRandom(0), lines.Add);
        int? first;
        using (var busy = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            busy.Bind(new IPEndPoint(ip, 30300));
            first = allocator.Request();
        }

        // 30300 is free again, but the failed check put it in cooldown: the retry that found 30302 was the first of
        // the four walks over it, three more requests are the rest.
        var whileCooling = Enumerable.Range(0, 3).Select(_ => allocator.Request()).ToList();
        var afterCooling = allocator.Request();

        Assert.Equal(30302, first);
        Assert.Equal([30304, 30306, 30308], whileCooling);
        Assert.Equal(30300, afterCooling);
        Assert.Equal("UDP port robustness check for port 30300 fail", lines[0]);
        Assert.Equal("UDP port robustness check for port 30300 pass", lines[^1]);
    }

    [Fact]
    public void Request_Robustness_SkipsABusyPortAndLogsIt()
    {
        var ip = IPAddress.Parse(LoopbackAddresses.Next());
        using var busy = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        busy.Bind(new IPEndPoint(ip, 30100));
        var lines = new List<string>();
        var allocator = new RtpPortAllocator(ip, 30100, 30102, robust: true, new Random(3), lines.Add);

        var ports = new[] { allocator.Request(), allocator.Request() };

        Assert.Equal(30102, ports[0]);
        Assert.Null(ports[1]);
        Assert.Contains("UDP port robustness check for port 30100 fail", lines);
        Assert.Contains("UDP port robustness check for port 30102 pass", lines);
    }

    [Fact]
    public void Bind_PortHeldWithoutReuseAddr_FailsWithAddressInUse()
    {
        var ip = IPAddress.Parse(LoopbackAddresses.Next());
        using var capture = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        capture.Bind(new IPEndPoint(ip, 30200));

        using var rtp = RtpSockets.Bind(ip, 30200, out var error);

        Assert.Null(rtp);
        Assert.Equal(SocketError.AddressAlreadyInUse, error);
        using var other = RtpSockets.Bind(ip, 30202, out _);
        Assert.NotNull(other);
    }
}
