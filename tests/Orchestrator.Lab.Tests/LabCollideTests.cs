using System.Text.RegularExpressions;
using Orchestrator.Lab.Tests.Support;
using Orchestrator.Testing.Labs;

namespace Orchestrator.Lab.Tests;

public sealed class CollideLabFixture : LabFixture
{
    public CollideLabFixture()
        : base("tcollide", 3, o => o.Scenario = "collide")
    {
    }
}

/// <summary>
/// The bug on demand, and its two remedies. Each test uses its own host of the collide lab: fs1 shows the
/// failure, fs2 gets robustness plus a restart, fs3 gets the RTP range reserved plus capture off/on.
/// </summary>
[Trait("Category", "Lab")]
public sealed partial class LabCollideTests : IClassFixture<CollideLabFixture>
{
    private const int Calls = 300;
    private const double Rate = 50;
    private readonly LabFleet _lab;

    public LabCollideTests(CollideLabFixture fixture)
    {
        _lab = fixture.Lab;
    }

    [Fact]
    public async Task Calls_CaptureSocketOnAnRtpPort_488sAndFreeSwitchsExactBindErrorLines()
    {
        var host = _lab.Hosts[0];
        var capture = await _lab.GetCaptureSocketsAsync(host.Name, CancellationToken.None);
        var colliding = capture.Where(s => s.CollidesWith(20000, 20059)).Select(s => s.Local.Port).ToHashSet();
        Assert.NotEmpty(colliding);
        var logBefore = new FileInfo(_lab.FreeSwitchLogPath(host.Name)).Length;

        var r = await _lab.RunCallsAsync(host.Name, Calls, Rate, CancellationToken.None);

        Assert.NotEmpty(r.BindErrors);
        Assert.Equal(r.BindErrorLines, r.Failed);
        Assert.Equal(r.BindErrorLines, r.Rejected488);
        Assert.Equal(r.BindErrorLines, r.CodecNegotiationErrors);
        Assert.Equal(Calls - r.Failed, r.Succeeded);
        Assert.All(r.BindErrorPorts, p => Assert.Contains(p, colliding));

        // The exact lines of freeswitch-facts §6, in FreeSWITCH's log format, the warning right after the error.
        var newLines = ReadFrom(_lab.FreeSwitchLogPath(host.Name), logBefore);
        var errorAt = newLines.FindIndex(l => l.Contains("Bind Error!", StringComparison.Ordinal));
        Assert.Matches(BindErrorLine(), newLines[errorAt]);
        Assert.EndsWith($"[Bind Error! {host.Address}:{r.BindErrorPorts[0]}]", newLines[errorAt], StringComparison.Ordinal);
        Assert.Matches(CodecLine(), newLines[errorAt + 1]);
    }

    [Fact]
    public async Task Calls_RobustnessOnAndRestart_NoBindErrorsOnEvenPorts()
    {
        var host = _lab.Hosts[1];
        var edit = await Programs.SshAsync(_lab, _lab.LoginUser, host,
            "sudo sed -i 's|<!-- <param name=\"rtp-port-usage-robustness\" value=\"true\"/> -->|<param name=\"rtp-port-usage-robustness\" value=\"true\"/>|' " +
            "/etc/freeswitch/autoload_configs/switch.conf.xml && grep -c '^ *<param name=\"rtp-port-usage-robustness\" value=\"true\"/>' /etc/freeswitch/autoload_configs/switch.conf.xml " +
            "&& sudo systemctl restart freeswitch");
        Assert.True(edit.Succeeded, edit.Stderr + edit.Stdout);

        // After the restart the capture sockets are new; put one on an RTP port again, so the calls meet the collision.
        var capture = await _lab.ForceCaptureCollisionAsync(host.Name, CancellationToken.None);
        Assert.Contains(capture, s => s.CollidesWith(20000, 20059));

        var r = await _lab.RunCallsAsync(host.Name, Calls, Rate, CancellationToken.None);

        Assert.Empty(r.BindErrors);
        Assert.Equal(0, r.Failed);
        Assert.Equal(Calls, r.Succeeded);
        var stillColliding = await _lab.GetCaptureSocketsAsync(host.Name, CancellationToken.None);
        Assert.Equal(capture.Select(s => s.Local.Port).Order(), stillColliding.Select(s => s.Local.Port).Order());
        var log = await File.ReadAllTextAsync(_lab.FreeSwitchLogPath(host.Name));
        Assert.Contains("UDP port robustness check for port", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_RangeReservedAndCaptureToggled_CapturePortsLeaveTheRangeAndCallsAreClean()
    {
        var host = _lab.Hosts[2];
        var reserve = await Programs.SshAsync(_lab, _lab.LoginUser, host,
            "sudo sysctl -w net.ipv4.ip_local_reserved_ports=20000-20060 && " +
            "fs_cli -x 'sofia profile internal capture off' && fs_cli -x 'sofia profile external capture off'");
        Assert.True(reserve.Succeeded, reserve.Stderr);
        await _lab.WaitForCaptureSocketsAsync(host.Name, 0, CancellationToken.None);
        var on = await Programs.SshAsync(_lab, _lab.LoginUser, host,
            "fs_cli -x 'sofia profile internal capture on' && fs_cli -x 'sofia profile external capture on'");
        Assert.True(on.Succeeded, on.Stderr);
        var capture = await _lab.WaitForCaptureSocketsAsync(host.Name, 2, CancellationToken.None);
        Assert.All(capture, s => Assert.True(s.Local.Port > 20060, $"capture port {s.Local.Port} is inside the reserved range"));

        var r = await _lab.RunCallsAsync(host.Name, Calls, Rate, CancellationToken.None);

        Assert.Empty(r.BindErrors);
        Assert.Equal(0, r.Failed);
        Assert.Equal(Calls, r.Succeeded);
    }

    private static List<string> ReadFrom(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = offset;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').ToList();
    }

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \d+\.\d\d% \[ERR\] switch_core_media\.c:9648 AUDIO RTP REPORTS ERROR: \[Bind Error! \d+\.\d+\.\d+\.\d+:\d+\]$")]
    private static partial Regex BindErrorLine();

    [GeneratedRegex(@"^[0-9a-f-]{36} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \d+\.\d\d% \[WARNING\] mod_sofia\.c:2588 CODEC NEGOTIATION ERROR\.  SDP:$")]
    private static partial Regex CodecLine();
}
