using System.Net;
using System.Net.Sockets;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Tests.Support;

namespace Orchestrator.FreeSwitch.Tests.Facts;

public sealed class SocketTableParserTests
{
    private const string SsSample =
        "State  Recv-Q Send-Q            Local Address:Port   Peer Address:PortProcess\n"
        + "UNCONN 0      0                    10.0.0.5:5060          0.0.0.0:*    users:((\"freeswitch\",pid=4242,fd=31))\n"
        + "ESTAB  0      0                    10.0.0.5:20042        10.0.0.1:9060 users:((\"freeswitch\",pid=4242,fd=40))\n"
        + "ESTAB  0      0                    10.0.0.5:20143        10.0.0.1:9060 users:((\"freeswitch\",pid=4242,fd=41))\n"
        + "UNCONN 0      0                    10.0.0.5:20010          0.0.0.0:*    users:((\"freeswitch\",pid=4242,fd=77))\n"
        + "ESTAB  0      0                    10.0.0.5:40000        10.0.0.9:5351 users:((\"freeswitch\",pid=4242,fd=42))\n"
        + "UNCONN 0      0                           *:5080                *:*    users:((\"freeswitch\",pid=4242,fd=33))\n"
        + "UNCONN 0      0         [::ffff:10.0.0.5]%eth0:5090         [::]:*    users:((\"freeswitch\",pid=4242,fd=34))\n"
        + "UNCONN 0      0                   127.0.0.1:9060          0.0.0.0:*    users:((\"sngrep\",pid=77,fd=3))\n";

    [Fact]
    public void ParseSs_KeepsOnlyThePidsSockets()
    {
        var sockets = SocketTableParser.ParseSs(SsSample, new HashSet<int> { 4242 });
        Assert.Equal(7, sockets.Count);
        Assert.DoesNotContain(sockets, s => s.Pid == 77);
    }

    [Fact]
    public void ParseSs_ConnectedSocket_HasPeer()
    {
        var sockets = SocketTableParser.ParseSs(SsSample, new HashSet<int> { 4242 });
        var capture = sockets.Single(s => s.LocalPort == 20042);
        Assert.True(capture.IsConnected);
        Assert.Equal("ESTAB", capture.State);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), capture.PeerAddress);
        Assert.Equal(9060, capture.PeerPort);
        Assert.Equal("10.0.0.5:20042", capture.Local);
    }

    [Fact]
    public void ParseSs_WildcardsAndInterfaceSuffix_Parsed()
    {
        var sockets = SocketTableParser.ParseSs(SsSample, new HashSet<int> { 4242 });
        var any = sockets.Single(s => s.LocalPort == 5080);
        Assert.False(any.IsConnected);
        Assert.Equal(IPAddress.Any, any.LocalAddress);
        var mapped = sockets.Single(s => s.LocalPort == 5090);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), mapped.LocalAddress);
    }

    [Fact]
    public void ParseSs_NoPidKnown_FallsBackToProcessName()
    {
        var sockets = SocketTableParser.ParseSs(SsSample, new HashSet<int>());
        Assert.Equal(7, sockets.Count);
    }

    [Fact]
    public void ParseProcNet_HexAddressesAndInodes()
    {
        // 10.0.0.5:20042 -> 10.0.0.1:9060, ESTAB (01), inode 555; and an IPv6 socket on [::1]:5060 unconnected.
        const string text =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            + " 1234: 0500000A:4E4A 0100000A:2364 01 00000000:00000000 00:00000000 00000000   999        0 555 2 0000000000000000 0\n"
            + " 1235: 0500000A:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000   999        0 556 2 0000000000000000 0\n"
            + " 1236: 0500000A:13C6 00000000:0000 07 00000000:00000000 00:00000000 00000000   999        0 999 2 0000000000000000 0\n"
            + "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            + "  100: 00000000000000000000000001000000:13C4 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   999        0 557 2 0000000000000000 0\n";
        var inodes = SocketTableParser.ParseInodes("4242 555\n4242 556\n4242 557\n");
        var sockets = SocketTableParser.ParseProcNet(text, inodes);
        Assert.Equal(3, sockets.Count);
        var capture = sockets.Single(s => s.LocalPort == 20042);
        Assert.Equal("ESTAB", capture.State);
        Assert.Equal("10.0.0.5:20042", capture.Local);
        Assert.Equal("10.0.0.1:9060", capture.Peer);
        Assert.Equal(4242, capture.Pid);
        var v6 = sockets.Single(s => s.LocalAddress.AddressFamily == AddressFamily.InterNetworkV6);
        Assert.Equal(IPAddress.IPv6Loopback, v6.LocalAddress);
        Assert.False(v6.IsConnected);
    }

    /// <summary>Real ss and real /proc against a socket this test connects: both readers must find it the same.</summary>
    [Fact]
    public async Task RealSocketTable_ConnectedUdpSocket_FoundByBothReaders()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(server.LocalEndPoint!);
        var local = (IPEndPoint)client.LocalEndPoint!;
        var peer = (IPEndPoint)server.LocalEndPoint!;
        var pid = Environment.ProcessId;

        var ss = await LocalShell.RunChecked("ss -uanp");
        var fromSs = SocketTableParser.ParseSs(ss, new HashSet<int> { pid }).Single(s => s.LocalPort == local.Port);
        Assert.Equal("ESTAB", fromSs.State);
        Assert.Equal(peer.Port, fromSs.PeerPort);

        var proc = await LocalShell.RunChecked("cat /proc/net/udp /proc/net/udp6");
        var fds = await LocalShell.RunChecked($"ls -l /proc/{pid}/fd | sed -n 's/.*socket:\\[\\([0-9]*\\)\\].*/{pid} \\1/p'");
        var fromProc = SocketTableParser.ParseProcNet(proc, SocketTableParser.ParseInodes(fds)).Single(s => s.LocalPort == local.Port);
        Assert.Equal(fromSs, fromProc);
    }
}
