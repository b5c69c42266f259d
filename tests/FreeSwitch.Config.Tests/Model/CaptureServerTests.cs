using FreeSwitch.Config.Model;

namespace FreeSwitch.Config.Tests.Model;

public sealed class CaptureServerTests
{
    [Theory]
    [InlineData("udp:10.0.0.9:9060", "10.0.0.9", 9060, 3, 200u)]
    [InlineData("udp:homer.lab:9060;hep=3;capture_id=100", "homer.lab", 9060, 3, 100u)]
    [InlineData("udp:10.0.0.9:1024;hep=1", "10.0.0.9", 1024, 1, 200u)]
    [InlineData("udp:10.0.0.9:65536", "10.0.0.9", 65536, 3, 200u)]
    [InlineData("udp:[fd00::9]:9060;capture_id=12abc", "fd00::9", 9060, 3, 12u)]
    public void TryParse_Valid_ReadsHostPortHepAndCaptureId(string value, string host, int port, int hep, uint id)
    {
        Assert.True(CaptureServer.TryParse(value, out var server, out var error), error);
        Assert.Equal(new CaptureServer(value, host, port, hep, id), server);
    }

    [Theory]
    [InlineData("tcp:10.0.0.9:9060", "only the udp protocol is supported")]
    [InlineData("UDP:10.0.0.9:9060", "only the udp protocol is supported")]
    [InlineData("udp:", "malformed ip address")]
    [InlineData("udp:10.0.0.9", "no host or port specified")]
    [InlineData("udp:10.0.0.9:80", "invalid port number 80; must be in [1024,65536]")]
    [InlineData("udp:10.0.0.9:65537", "invalid port number 65537")]
    [InlineData("udp:10.0.0.9:abc", "invalid port number 0")]
    [InlineData("udp:10.0.0.9:9060;hep=4", "invalid hep version number [4]")]
    [InlineData("udp:10.0.0.9:9060;hep=0", "invalid hep version number [0]")]
    [InlineData("udp:10.0.0.9:9060;capture_id=0", "invalid capture id number [0]")]
    [InlineData("udp:10.0.0.9:9060;capture_id=abc", "invalid capture id number [abc]")]
    [InlineData("udp:10.0.0.9:9060;transport=udp", "unsupported capture param [transport=udp]")]
    [InlineData("udp:[fd00::9:9060", "bracket not closed")]
    public void TryParse_Invalid_RejectedWithTheReason(string value, string reason)
    {
        Assert.False(CaptureServer.TryParse(value, out var server, out var error));
        Assert.Null(server);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
