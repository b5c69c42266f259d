using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Tests.Lab;

public sealed class PlaybookLabFixture : EngineLab
{
    public PlaybookLabFixture()
        : base("pb", 3)
    {
    }
}

/// <summary>Playbooks run through the real SSH transport against lab hosts (sshd, sudo, the systemctl and sysctl shims).</summary>
[Trait("Category", "Lab")]
public sealed class LabPlaybookTests(PlaybookLabFixture fixture) : IClassFixture<PlaybookLabFixture>
{
    private static readonly string Playbooks = Path.Combine(AppContext.BaseDirectory, "Playbooks");

    private static readonly string[] Touched =
    [
        "/etc/freeswitch/orchestrator.conf",
        "/etc/freeswitch/autoload_configs/switch.conf.xml",
        "/etc/sysctl.d/99-orchestrator.conf",
    ];

    private static readonly string[] Sysctls = ["net.ipv4.ip_local_reserved_ports"];

    [Fact]
    public async Task Rollout_FirstRunChanges_SecondRunIdempotent_CheckDiffOfVariationChangesNothing()
    {
        var lab = fixture.Lab;
        var rollout = Path.Combine(Playbooks, "rollout.yml");
        var pidBefore = (await lab.ExecInHostAsync("fs1", "cat /run/freeswitch/freeswitch.pid", CancellationToken.None)).Stdout.Trim();

        var first = await fixture.RunAsync(rollout);
        Assert.Equal(0, first.Result.ExitCode);
        Assert.All(first.Result.Hosts, h => Assert.Equal(4, h.Changed));
        Assert.Equal(3, first.Events.Results.Count(r => r.Task == "restart freeswitch" && r.Outcome == TaskOutcome.Changed));
        var conf = await lab.ExecInHostAsync("fs2", "cat /etc/freeswitch/orchestrator.conf; grep -c '^    <param name=\"rtp-port-usage-robustness\" value=\"true\"/>$' /etc/freeswitch/autoload_configs/switch.conf.xml; cat /proc/sys/net/ipv4/ip_local_reserved_ports", CancellationToken.None);
        Assert.Equal("# Managed by orchestrator: local edits are overwritten.\nrtp_start=16384\nrtp_end=32768\nhost=fs2\n1\n16384-32769\n", conf.Stdout);
        var pidAfter = (await lab.ExecInHostAsync("fs1", "cat /run/freeswitch/freeswitch.pid", CancellationToken.None)).Stdout.Trim();
        Assert.NotEqual(pidBefore, pidAfter);

        var second = await fixture.RunAsync(rollout);
        Assert.Equal(0, second.Result.ExitCode);
        Assert.All(second.Result.Hosts, h => Assert.Equal(0, h.Changed));
        Assert.DoesNotContain(second.Events.Results, r => r.Task == "restart freeswitch");

        var before = await Task.WhenAll(lab.Hosts.Select(h => fixture.SnapshotAsync(h.Name, Touched, Sysctls)));
        var variation = new Dictionary<string, object?> { ["rtp_start_port"] = "10000", ["rtp_end_port"] = "30000", ["robustness"] = "false" };
        var check = await fixture.RunAsync(rollout, check: true, diff: true, extraVars: variation);
        var after = await Task.WhenAll(lab.Hosts.Select(h => fixture.SnapshotAsync(h.Name, Touched, Sysctls)));

        Assert.Equal(before, after);
        Assert.Equal(PlaybookRunner.ExitChangesPending, check.Result.ExitCode);
        Assert.All(check.Result.Hosts, h => Assert.Equal((4, 0, 0), (h.Changed, h.Unknown, h.Failed)));
        var template = check.Events.Results.Single(r => r.Host == "fs1" && r.Task == "Template the settings file").Diff!;
        Assert.Equal(
            """
            --- before: /etc/freeswitch/orchestrator.conf
            +++ after: /etc/freeswitch/orchestrator.conf
            @@ -1,4 +1,4 @@
             # Managed by orchestrator: local edits are overwritten.
            -rtp_start=16384
            -rtp_end=32768
            +rtp_start=10000
            +rtp_end=30000
             host=fs1

            """.ReplaceLineEndings("\n"),
            template);
        var xml = check.Events.Results.Single(r => r.Host == "fs1" && r.Task == "Turn on RTP port robustness").Diff!;
        Assert.Contains("\n-    <param name=\"rtp-port-usage-robustness\" value=\"true\"/>\n+    <param name=\"rtp-port-usage-robustness\" value=\"false\"/>\n", xml, StringComparison.Ordinal);
        Assert.Equal(2, xml.Split('\n').Count(l => l.StartsWith('+') || l.StartsWith('-')) - 2);
        var sysctl = check.Events.Results.Single(r => r.Host == "fs1" && r.Task == "Reserve the RTP range").Diff!;
        Assert.Contains("-16384-32769\n+10000-32769\n", sysctl, StringComparison.Ordinal);
        Assert.Contains(check.Events.Results, r => r.Host == "fs3" && r.Task == "restart freeswitch" && r.Outcome == TaskOutcome.Changed);
    }

    [Fact]
    public async Task Serial_OneHostUnreachable_OtherHostsComplete()
    {
        var lab = fixture.Lab;
        var playbook = fixture.Write("serial.yml", """
            - hosts: freeswitch
              serial: 1
              tasks:
                - copy: {content: "rolled\n", dest: /tmp/en-serial-marker}
            """);
        await lab.StopSshdAsync("fs2", CancellationToken.None);
        try
        {
            var run = await fixture.RunAsync(playbook);
            Assert.Equal(PlaybookRunner.ExitUnreachableHosts, run.Result.ExitCode);
            Assert.False(run.Result.Aborted);
            Assert.Equal(1, run.Result.Hosts.Single(h => h.Host == "fs2").Unreachable);
            foreach (var host in new[] { "fs1", "fs3" })
            {
                var marker = await lab.ExecInHostAsync(host, "cat /tmp/en-serial-marker", CancellationToken.None);
                Assert.Equal("rolled\n", marker.Stdout);
            }
        }
        finally
        {
            await lab.StartSshdAsync("fs2", null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task MaxFailPercentage_StopsTheRollout()
    {
        var lab = fixture.Lab;
        await Task.WhenAll(lab.Hosts.Select(h => lab.ExecInHostAsync(h.Name, "rm -f /tmp/en-maxfail-marker", CancellationToken.None)));
        var playbook = fixture.Write("maxfail.yml", """
            - hosts: freeswitch
              serial: 2
              max_fail_percentage: 40
              tasks:
                - name: health check
                  command: test {{ inventory_hostname }} != fs1
                - name: deploy
                  copy: {content: "deployed\n", dest: /tmp/en-maxfail-marker}
            """);
        var run = await fixture.RunAsync(playbook);
        Assert.Equal(PlaybookRunner.ExitPlayAborted, run.Result.ExitCode);
        Assert.True(run.Result.Aborted);
        foreach (var host in lab.Hosts)
        {
            var marker = await lab.ExecInHostAsync(host.Name, "test -e /tmp/en-maxfail-marker && echo yes || echo no", CancellationToken.None);
            Assert.Equal("no", marker.Stdout.Trim());
        }

        Assert.DoesNotContain(run.Events.Results, r => r.Host == "fs3");
    }
}
