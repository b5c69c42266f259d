using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Placement;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Lab;

namespace Orchestrator.FreeSwitch.Tests.Lab;

public sealed class FixLabFixture : FsLab
{
    public FixLabFixture()
        : base("fsfix", 3, o => o.Scenario = "collide")
    {
    }
}

/// <summary>
/// fix-port-collisions.yml on a 3-host collide lab, end to end through the real engine, SSH, simulator, sipp and homer:
/// before (colliding, calls fail), --check --diff (planned, nothing changed), the run, after (0 failed calls, clear,
/// reserved, robustness in effect, HEP still arriving), and a second run with changed=0.
/// </summary>
[Collection(FsLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class FixPortCollisionsLabTests(FixLabFixture fixture) : IClassFixture<FixLabFixture>
{
    private const int RtpStart = 20000;
    private const int RtpEnd = 20059;
    private readonly LabFleet _lab = fixture.Lab;

    private string Playbook => Path.Combine(PlaybookHarness.PlaybooksDir, "fix-port-collisions.yml");

    [Fact]
    public async Task Facts_CollideLabHost_MatchHandComputedValuesAndTheHostsOwnView()
    {
        var host = _lab.Hosts[0];
        var facts = await fixture.FactsAsync(host.Name);

        Assert.Null(facts.ConfigError);
        Assert.Null(facts.EslError);
        var c = facts.Config!;
        Assert.Equal("/etc/freeswitch", facts.ConfDir);
        Assert.Equal((RtpStart, RtpEnd, false), (c.RtpStartPort, c.RtpEndPort, c.RtpRangeIsDefault));
        Assert.Equal(_lab.CaptureServer, c.CaptureServerValue);
        Assert.Equal(9060, c.CaptureServer!.Port);
        Assert.Equal(("::", 8021, "ClueCon"), (c.EslListenIp, c.EslListenPort, c.EslPassword.Reveal()));
        var profile = c.Profiles.Single(p => p.Name == "internal");
        Assert.Equal((host.Address.ToString(), 5060, true), (profile.SipIp, profile.SipPort, profile.SipCapture));
        Assert.Equal([host.Address.ToString()], profile.RtpIps);
        Assert.True(c.Profiles.Single(p => p.Name == "external").SipCapture);
        Assert.Equal(host.Address.ToString(), facts.RuntimeVariables["local_ip_v4"]);
        Assert.Equal(host.Name, facts.Hostname);

        Assert.True(facts.Running);
        Assert.Equal("1.10.12-release~64bit", facts.Version);
        Assert.Contains(facts.SofiaStatus, r => r.Name == "internal" && r.IsRunning);
        Assert.Equal([host.Address.ToString()], facts.ProfileStatus["internal"].RtpIps);
        Assert.Equal("20000-20119", facts.EphemeralRange.ToString());
        Assert.NotNull(facts.ActiveCalls);

        // The same things seen from inside the host, independently.
        var reserved = (await fixture.InHostAsync(host.Name, "cat /proc/sys/net/ipv4/ip_local_reserved_ports")).Trim();
        Assert.Equal(reserved, facts.ReservedPorts.ToString());
        var pid = int.Parse((await fixture.InHostAsync(host.Name, "cat /run/freeswitch/freeswitch.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(pid, facts.Pid);
        var capture = await _lab.GetCaptureSocketsAsync(host.Name, CancellationToken.None);
        Assert.Equal(capture.Select(s => s.Local.Port).Order(), facts.CaptureSockets.Select(s => s.LocalPort).Order());
        var robust = (await fixture.InHostAsync(host.Name, "grep -c '^ *<param name=\"rtp-port-usage-robustness\" value=\"true\"' /etc/freeswitch/autoload_configs/switch.conf.xml || true")).Trim();
        Assert.Equal(robust != "0", c.Robustness);
    }

    [Fact]
    public async Task FixPortCollisions_CollideLab_BeforeCheckRunAfterAndSecondRun()
    {
        var hosts = _lab.Hosts;

        // Before: the lab put a capture socket on an RTP port on every host; capture_ports says colliding, calls fail.
        var verify = await PlaybookHarness.RunAsync(Path.Combine(PlaybookHarness.PlaybooksDir, "verify.yml"), _lab.InventoryPath);
        foreach (var host in hosts)
        {
            var placement = verify.Output.Results.Single(r => r.Host == host.Name && r.Module == "capture_ports");
            Assert.Equal(TaskOutcome.Failed, placement.Outcome);
            Assert.StartsWith("colliding:", placement.Message);
            Assert.Matches(@"collides with RTP: even port \d+ inside the RTP range 20000-20059", placement.Message + string.Join(" ", Reasons(placement)));
        }

        var before = await _lab.RunCallsAsync(hosts[0].Name, 300, 50, CancellationToken.None);
        Assert.True(before.Failed > 0 && before.BindErrorLines > 0, $"expected failed calls before the fix: {before}");

        // --check --diff: the planned changes are shown, and nothing changes.
        var snapshots = new Dictionary<string, string>();
        foreach (var host in hosts)
        {
            snapshots[host.Name] = await fixture.SnapshotAsync(host.Name);
        }

        var check = await PlaybookHarness.RunAsync(Playbook, _lab.InventoryPath, check: true, diff: true);
        Assert.True(check.Result.ExitCode == 0, PlaybookHarness.Describe(check.Output));
        foreach (var host in hosts)
        {
            var results = check.Output.Results.Where(r => r.Host == host.Name).ToList();
            var sysctl = results.Single(r => r.Module == "sysctl");
            Assert.Equal(TaskOutcome.Changed, sysctl.Outcome);
            Assert.Contains("+20000-20060", sysctl.Diff);
            var xml = results.Single(r => r.Module == "xml");
            Assert.Equal(TaskOutcome.Changed, xml.Outcome);
            Assert.Contains("+    <param name=\"rtp-port-usage-robustness\" value=\"true\"/>", xml.Diff);
            Assert.Contains("/etc/freeswitch/autoload_configs/switch.conf.xml", xml.Diff);
            var toggle = results.Single(r => r.Module == "capture_toggle");
            Assert.Equal(TaskOutcome.Changed, toggle.Outcome);
            Assert.Matches(@"would toggle capture off/on because \S+:\d+ collides with RTP", toggle.Message);
            var restart = results.Single(r => r.Module == "freeswitch_restart");
            Assert.Equal(TaskOutcome.Changed, restart.Outcome);
            Assert.Contains("would restart freeswitch after draining calls", restart.Message);
            Assert.Equal(TaskOutcome.Unknown, results.Last(r => r.Module == "capture_ports").Outcome);
            Assert.Equal(snapshots[host.Name], await fixture.SnapshotAsync(host.Name));
        }

        // The run.
        var oldPids = new Dictionary<string, int?>();
        foreach (var host in hosts)
        {
            oldPids[host.Name] = (await fixture.FactsAsync(host.Name)).Pid;
        }

        var hepBefore = _lab.GetHepReport();
        var run = await PlaybookHarness.RunAsync(Playbook, _lab.InventoryPath);
        Assert.True(run.Result.ExitCode == 0, PlaybookHarness.Describe(run.Output));
        Assert.All(run.Result.Hosts, h => Assert.True(h.Changed > 0 && h.Failed == 0, $"{h}"));

        // After: clear, reserved, robustness in effect after a drained restart, 0 failed calls, 0 new Bind Error lines, HEP still arriving.
        foreach (var host in hosts)
        {
            // One host at a time: sipp's own timing suffers when three runs share two cores.
            var result = await _lab.RunCallsAsync(host.Name, 300, 50, CancellationToken.None);
            Assert.True(result.Failed == 0 && result.Succeeded == 300, $"{host.Name}: {result}");
            Assert.Empty(result.BindErrors);

            var capture = await _lab.GetCaptureSocketsAsync(host.Name, CancellationToken.None);
            Assert.Equal(2, capture.Count);
            Assert.All(capture, s => Assert.False(s.Local.Port is >= RtpStart and <= RtpEnd + 1, $"{host.Name}: capture port {s.Local.Port} is in the RTP range"));

            var reserved = PortSet.Parse((await fixture.InHostAsync(host.Name, "cat /proc/sys/net/ipv4/ip_local_reserved_ports")).Trim());
            Assert.True(reserved.Covers(new PortRange(RtpStart, RtpEnd + 1)), $"{host.Name}: reserved {reserved}");
            var persisted = await fixture.InHostAsync(host.Name, "cat /etc/sysctl.d/60-freeswitch-rtp.conf");
            Assert.Contains("net.ipv4.ip_local_reserved_ports = 20000-20060", persisted);

            var facts = await fixture.FactsAsync(host.Name);
            Assert.True(facts.Config!.Robustness);
            Assert.True(facts.RobustnessInEffect, $"{host.Name}: robustness configured but the process predates the change");
            Assert.NotEqual(oldPids[host.Name], facts.Pid);
            Assert.Equal(0, facts.BindErrors!.Rtp - CountBefore(host.Name, before));
            var restart = run.Output.Results.Single(r => r.Host == host.Name && r.Module == "freeswitch_restart");
            Assert.Contains("(drained)", restart.Message);

            // The calls go to the internal profile, so only its capture socket has SIP to send; the external one stays quiet.
            var hep = _lab.GetHepReport().Sources.Where(s => s.Host == host.Name).ToList();
            var ports = capture.Select(s => s.Local.Port).ToHashSet();
            Assert.True(
                hep.Any(s => ports.Contains(s.Port) && s.Packets > 0),
                $"{host.Name}: no HEP from the new capture ports {string.Join(",", ports)}; sources: {string.Join(", ", hep.Select(s => $"{s.Port}={s.Packets}"))}");
        }

        Assert.True(_lab.GetHepReport().Datagrams > hepBefore.Datagrams);

        // A second run changes nothing.
        var again = await PlaybookHarness.RunAsync(Playbook, _lab.InventoryPath);
        Assert.True(again.Result.ExitCode == 0, PlaybookHarness.Describe(again.Output));
        Assert.All(again.Result.Hosts, h => Assert.True(h.Changed == 0, $"second run: {h}\n{PlaybookHarness.Describe(again.Output)}"));
    }

    /// <summary>The host's Bind Error count in the window, taken as it was right after the "before" calls (only fs1 had calls then).</summary>
    private static long CountBefore(string host, Orchestrator.Lab.Calls.LabCallResult before) => host == before.Host ? before.BindErrorLines : 0;

    private static IEnumerable<string> Reasons(TaskResultEvent e) =>
        e.Result?.GetValueOrDefault("placement") is Dictionary<string, object?> p && p.GetValueOrDefault("sockets") is List<object?> sockets
            ? sockets.OfType<Dictionary<string, object?>>().Select(s => s.GetValueOrDefault("reason") as string ?? string.Empty)
            : [];
}
