using System.Net;
using Orchestrator.Lab.Capture;

namespace Orchestrator.Lab.Tests.Capture;

public sealed class CaptureSocketTests
{
    private const string Ss = """
        ESTAB  0      0      10.245.204.10:20020 10.245.204.2:9060 users:(("freeswitch",pid=4385,fd=78))
        ESTAB  0      0      10.245.204.10:20021 10.245.204.2:9060 users:(("freeswitch",pid=4385,fd=81))
        ESTAB  0      0      10.245.204.10:40001 10.245.204.2:5351 users:(("freeswitch",pid=4385,fd=90))
        ESTAB  0      0      10.245.204.10:40002 10.245.204.2:9060 users:(("sngrep",pid=12,fd=3))
        UNCONN 0      0      10.245.204.10:20030 0.0.0.0:* users:(("freeswitch",pid=4385,fd=91))
        UNCONN 0      0      [::1]:5060 [::]:* users:(("freeswitch",pid=4385,fd=12))
        """;

    [Fact]
    public void Parse_SsOutput_OnlyFreeswitchsEstablishedSocketsToTheCaptureServer()
    {
        var sockets = CaptureSocket.Parse(Ss, new IPEndPoint(IPAddress.Parse("10.245.204.2"), 9060));
        Assert.Equal([20020, 20021], sockets.Select(s => s.Local.Port));
        Assert.All(sockets, s => Assert.Equal(4385, s.Pid));
        Assert.All(sockets, s => Assert.Equal(IPAddress.Parse("10.245.204.10"), s.Local.Address));
    }

    [Theory]
    [InlineData(20020, true)]
    [InlineData(20021, false)]
    [InlineData(20058, true)]
    [InlineData(20060, false)]
    [InlineData(19998, false)]
    public void CollidesWith_Port_EvenAndInsideTheRange(int port, bool collides) =>
        Assert.Equal(collides, new CaptureSocket(new IPEndPoint(IPAddress.Loopback, port), new IPEndPoint(IPAddress.Loopback, 9060), 1).CollidesWith(20000, 20059));
}
