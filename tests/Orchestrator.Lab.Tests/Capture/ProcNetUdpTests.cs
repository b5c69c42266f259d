using System.Net;
using Orchestrator.Lab.Capture;

namespace Orchestrator.Lab.Tests.Capture;

public sealed class ProcNetUdpTests
{
    [Theory]
    [InlineData("0A0AF10A:4E34", "10.241.10.10", 20020)]
    [InlineData("0202F10A:2364", "10.241.2.2", 9060)]
    [InlineData("00000000:13C4", "0.0.0.0", 5060)]
    [InlineData("0000000000000000FFFF00000A0AF10A:4E34", "::ffff:10.241.10.10", 20020)]
    public void Endpoint_KernelHex_AddressAndPort(string hex, string address, int port) =>
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), ProcNetUdp.Endpoint(hex));

    [Fact]
    public void Parse_UdpTable_OnlyOwnedEstablishedSocketsToTheCaptureServer()
    {
        const string table = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              101: 0A0AF10A:4E34 0202F10A:2364 01 00000000:00000000 00:00000000 00000000     0        0 5001 2 0000000000000000 0
              102: 0A0AF10A:4E35 0202F10A:2364 01 00000000:00000000 00:00000000 00000000     0        0 5002 2 0000000000000000 0
              103: 0A0AF10A:9C41 0202F10A:14F7 01 00000000:00000000 00:00000000 00000000     0        0 5003 2 0000000000000000 0
              104: 0A0AF10A:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5004 2 0000000000000000 0
              105: 0A0AF10A:4E36 0202F10A:2364 01 00000000:00000000 00:00000000 00000000     0        0 9999 2 0000000000000000 0
            """;
        var sockets = ProcNetUdp.Parse(table, new HashSet<string> { "5001", "5002", "5003", "5004" }, new IPEndPoint(IPAddress.Parse("10.241.2.2"), 9060), 42).ToList();
        Assert.Equal([20020, 20021], sockets.Select(s => s.Local.Port));
        Assert.All(sockets, s => Assert.Equal(42, s.Pid));
    }
}
