using System.Net;
using System.Net.Sockets;
using FreeSwitch.Simulator.Media;
using FreeSwitch.Simulator.Tests.Support;

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
    public void Free_Port_CoolsDownBeforeReuse()
    {
        var allocator = new RtpPortAllocator(IPAddress.Loopback, 30000, 30002, robust: false, new Random(7), null);
        var first = allocator.Request()!.Value;
        var second = allocator.Request()!.Value;

        allocator.Free(first);

        // The freed slot needs four walks over it before it is free again: the other one comes back first.
        allocator.Free(second);
        var next = allocator.Request()!.Value;
        Assert.Contains(next, new[] { first, second });
        Assert.NotNull(allocator.Request());
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
