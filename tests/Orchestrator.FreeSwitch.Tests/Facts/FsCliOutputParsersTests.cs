using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Tests.Facts;

public sealed class FsCliOutputParsersTests
{
    // mod_sofia.c: "%25s\t%s\t  %40s\t%s\n" rows, 97 '=' lines (facts §8).
    private static readonly string Line = new('=', 97);

    private static string StatusText() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0,25}\t{1}\t  {2,40}\t{3}\n", "Name", "Type", "Data", "State")
        + Line + "\n"
        + string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0,25}\t{1}\t  {2,40}\t{3}\n", "external", "profile", "sip:mod_sofia@10.0.0.5:5080", "RUNNING (0)")
        + string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0,25}\t{1}\t  {2,40}\t{3}\n", "10.0.0.5", "alias", "internal", "ALIASED")
        + string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0,25}\t{1}\t  {2,40}\t{3}\n", "internal", "profile", "sip:mod_sofia@10.0.0.5:5060", "RUNNING (3)")
        + Line + "\n2 profiles 1 alias\n";

    [Fact]
    public void ParseSofiaStatus_ProfilesAndAliases()
    {
        var rows = FsCliOutputParsers.ParseSofiaStatus(StatusText());
        Assert.Equal(3, rows.Count);
        var internalRow = rows.Single(r => r.Name == "internal");
        Assert.True(internalRow.IsRunning);
        Assert.Equal("sip:mod_sofia@10.0.0.5:5060", internalRow.Data);
        Assert.Equal("RUNNING (3)", internalRow.State);
        Assert.False(rows.Single(r => r.Name == "10.0.0.5").IsProfile);
    }

    [Fact]
    public void ParseProfileStatus_RepeatedRtpIpAndCounters()
    {
        var text = Line + "\n"
            + "Name             \tinternal\n"
            + "Domain Name      \tN/A\n"
            + "RTP-IP           \t10.0.0.5\n"
            + "RTP-IP           \t10.0.0.6\n"
            + "SIP-IP           \t10.0.0.5\n"
            + "URL              \tsip:mod_sofia@10.0.0.5:5060\n"
            + "BIND-URL         \tsip:mod_sofia@10.0.0.5:5060;transport=udp,tcp\n"
            + "CALLS-IN         \t312\n"
            + "FAILED-CALLS-IN  \t7\n"
            + "CALLS-OUT        \t0\n"
            + "FAILED-CALLS-OUT \t0\n"
            + Line + "\n";
        var status = FsCliOutputParsers.ParseProfileStatus("internal", text);
        Assert.Equal(["10.0.0.5", "10.0.0.6"], status.RtpIps);
        Assert.Equal("10.0.0.5", status.SipIp);
        Assert.Equal(312, status.CallsIn);
        Assert.Equal(7, status.FailedCallsIn);
        Assert.Equal(0, status.CallsOut);
    }

    [Theory]
    [InlineData("\n0 total.\n", 0L)]
    [InlineData("\n17 total.\n", 17L)]
    [InlineData("-ERR no reply", null)]
    public void ParseCallsCount_Reply(string text, long? expected) => Assert.Equal(expected, FsCliOutputParsers.ParseCallsCount(text));

    [Theory]
    [InlineData("FreeSWITCH Version 1.10.12-release~64bit (-release 64bit)\n", "1.10.12-release~64bit")]
    [InlineData("-ERR version Command not found!\n", null)]
    public void ParseVersion_Reply(string text, string? expected) => Assert.Equal(expected, FsCliOutputParsers.ParseVersion(text));

    [Theory]
    [InlineData("-ERR Usage: siptrace <on|off>|capture <on|off>", true)]
    [InlineData("+OK Global capture on", false)]
    [InlineData("Enabled sip capturing on internal", false)]
    public void IsError_Reply(string body, bool error) => Assert.Equal(error, FsCliOutputParsers.IsError(body));
}
