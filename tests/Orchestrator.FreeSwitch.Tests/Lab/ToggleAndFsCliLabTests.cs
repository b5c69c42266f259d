using System.Diagnostics;
using Orchestrator.Core.Shell;
using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Lab;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Lab;

public sealed class ToggleLabFixture : FsLab
{
    public ToggleLabFixture()
        : base("fstgl", 3, o => o.Scenario = "collide")
    {
    }
}

/// <summary>
/// A fresh 3-host collide lab: fs1 gets the toggle-only remedy, fs2 the impossible toggle (ephemeral range inside the
/// RTP range), fs3 the fs_cli module, a secret ESL password and a variant config tree.
/// </summary>
[Collection(FsLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class ToggleAndFsCliLabTests(ToggleLabFixture fixture) : IClassFixture<ToggleLabFixture>, IDisposable
{
    private readonly LabFleet _lab = fixture.Lab;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WritePlaybook(string body)
    {
        var path = Path.Combine(_dir.Path, "play.yml");
        File.WriteAllText(path, body);
        return path;
    }

    [Fact]
    public async Task CaptureToggle_FreshCollideLab_ClearAfterNAttemptsWithNReported()
    {
        var host = _lab.Hosts[0].Name;
        var reservedBefore = await fixture.InHostAsync(host, "cat /proc/sys/net/ipv4/ip_local_reserved_ports");
        var before = await _lab.GetCaptureSocketsAsync(host, CancellationToken.None);
        Assert.Contains(before, s => s.CollidesWith(20000, 20059));
        var playbook = WritePlaybook($"""
            - hosts: {host}
              become: true
              tasks:
                - capture_toggle: {"{"} attempts: 25, delay: 0.1, backoff: constant {"}"}
                  register: toggled
            """);

        var (result, output) = await PlaybookHarness.RunAsync(playbook, _lab.InventoryPath);

        Assert.True(result.ExitCode == 0, PlaybookHarness.Describe(output));
        var toggle = output.Results.Single(r => r.Module == "capture_toggle");
        Assert.Equal(TaskOutcome.Changed, toggle.Outcome);
        var attempts = (long)toggle.Result!["attempts"]!;
        Assert.InRange(attempts, 1, 25);
        Assert.Contains($"after {attempts} attempt(s)", toggle.Message);
        var final = ((List<object?>)toggle.Result["final_ports"]!).Select(p => (int)(long)p!).Order().ToList();
        var after = await _lab.GetCaptureSocketsAsync(host, CancellationToken.None);
        Assert.Equal(final, after.Select(s => s.Local.Port).Order());
        Assert.All(after, s => Assert.False(s.CollidesWith(20000, 20059), $"port {s.Local.Port} still collides"));
        Assert.Equal(reservedBefore, await fixture.InHostAsync(host, "cat /proc/sys/net/ipv4/ip_local_reserved_ports"));

        // Idempotent: clear now, so a second toggle sends nothing and keeps the ports.
        var (again, againOutput) = await PlaybookHarness.RunAsync(playbook, _lab.InventoryPath);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(TaskOutcome.Ok, againOutput.Results.Single(r => r.Module == "capture_toggle").Outcome);
        Assert.Equal(final, (await _lab.GetCaptureSocketsAsync(host, CancellationToken.None)).Select(s => s.Local.Port).Order());
    }

    [Fact]
    public async Task CaptureToggle_EphemeralRangeInsideRtpRange_FailsFastAndTouchesNothing()
    {
        var host = _lab.Hosts[1].Name;
        await fixture.InHostAsync(host, "sysctl -w net.ipv4.ip_local_port_range='20000 20059'");
        var colliding = await _lab.ForceCaptureCollisionAsync(host, CancellationToken.None);
        Assert.Contains(colliding, s => s.CollidesWith(20000, 20059));
        var playbook = WritePlaybook($"""
            - hosts: {host}
              become: true
              tasks:
                - capture_toggle: {"{"} attempts: 50, timeout: 600 {"}"}
            """);
        var watch = Stopwatch.StartNew();

        var (result, output) = await PlaybookHarness.RunAsync(playbook, _lab.InventoryPath);

        watch.Stop();
        Assert.Equal(2, result.ExitCode);
        var toggle = output.Results.Single(r => r.Module == "capture_toggle");
        Assert.Equal(TaskOutcome.Failed, toggle.Outcome);
        Assert.Contains("toggling cannot succeed", toggle.Message);
        Assert.Contains("lies inside the RTP range 20000-20060", toggle.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Equal(colliding.Select(s => s.Local.Port).Order(), (await _lab.GetCaptureSocketsAsync(host, CancellationToken.None)).Select(s => s.Local.Port).Order());
    }

    [Fact]
    public async Task FsCli_ReadOnlyErrAndChangedWhen_ThroughRealFsCliWithSecretPasswordNeverInArgvOrOutput()
    {
        var host = _lab.Hosts[2].Name;
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..16];
        // The lab's systemctl shim checks the restart with a plain fs_cli: give it the password in /etc/fs_cli.conf for the
        // restart only, then remove the file, so the modules below can only have used the password they sent on stdin.
        await fixture.InHostAsync(host, $"sed -i 's|<param name=\"password\" value=\"ClueCon\"/>|<param name=\"password\" value=\"{password}\"/>|' /etc/freeswitch/autoload_configs/event_socket.conf.xml");
        var restart = await _lab.ExecInHostAsync(host, "umask 077; cat > /etc/fs_cli.conf && systemctl restart freeswitch; rc=$?; rm -f /etc/fs_cli.conf; exit $rc", $"[default]\npassword => {password}\n", CancellationToken.None);
        Assert.True(restart.ExitCode == 0, restart.Stderr);
        var plain = await _lab.FsCliAsync(host, "status", CancellationToken.None);
        Assert.True(plain.ExitCode != 0 && plain.Stderr.Contains("Authentication Error", StringComparison.Ordinal), $"a plain fs_cli still got in: {plain.Stdout}{plain.Stderr}");
        var playbook = WritePlaybook($"""
            - hosts: {host}
              become: true
              tasks:
                - freeswitch_facts:
                - fs_cli: sofia status
                  register: status
                - fs_cli: reloadxml
                  changed_when: false
                - fs_cli: sofia global capture
                  register: usage
                  ignore_errors: true
                - fs_cli: no_such_api now
                  ignore_errors: true
                - capture_ports: {"{"} fail_on_colliding: false {"}"}
                - debug:
                    msg: "{"{{"} freeswitch.esl {"}}"}"
            """);

        // Watch every process's argv on the machine while the playbook runs.
        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
                {
                    try
                    {
                        var argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                        if (argv.Contains("fs_cli", StringComparison.Ordinal) || argv.Contains(password, StringComparison.Ordinal))
                        {
                            lock (seen)
                            {
                                seen.Add(argv);
                            }
                        }
                    }
                    catch (IOException)
                    {
                    }
                    catch (UnauthorizedAccessException)
                    {
                    }
                }

                await Task.Delay(2);
            }
        });
        var (result, output) = await PlaybookHarness.RunAsync(playbook, _lab.InventoryPath);
        await stop.CancelAsync();
        await sampler;

        Assert.True(result.ExitCode == 0, PlaybookHarness.Describe(output));
        var results = output.Results.Where(r => r.Host == host).ToList();
        var status = results.First(r => r.Module == "fs_cli");
        Assert.Equal(TaskOutcome.Ok, status.Outcome);
        Assert.Contains("internal", (string)status.Result!["stdout"]!);
        Assert.Equal(TaskOutcome.Ok, results.Where(r => r.Module == "fs_cli").ElementAt(1).Outcome);
        var usage = results.Where(r => r.Module == "fs_cli").ElementAt(2);
        Assert.Equal(TaskOutcome.Failed, usage.Outcome);
        Assert.Contains("-ERR Usage: siptrace", usage.Message);
        var unknown = results.Where(r => r.Module == "fs_cli").ElementAt(3);
        Assert.Equal(TaskOutcome.Failed, unknown.Outcome);
        Assert.Contains("-ERR no_such_api now Command not found!", unknown.Message);
        Assert.NotEqual(TaskOutcome.Failed, results.Single(r => r.Module == "capture_ports").Outcome);

        // The password worked (the facts and fs_cli talked to FreeSWITCH) but never showed.
        Assert.Contains(seen, a => a.Contains("fs_cli -x", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, a => a.Contains(password, StringComparison.Ordinal));
        var everything = string.Join("\n", output.Events.Select(e => e is TaskResultEvent r ? $"{r.Message} {r.Diff} {Serialize(r.Result)}" : e.ToString()));
        Assert.DoesNotContain(password, everything);
        Assert.Contains("[REDACTED]", everything);
    }

    [Fact]
    public async Task Facts_VariantTreeOnTheHost_MatchHandComputedValues()
    {
        var host = _lab.Hosts[2].Name;
        // A variant next to the live tree: profiles inline in sofia.conf.xml, the RTP range from variables set in vars.xml.
        await fixture.InHostAsync(host, """
            rm -rf /etc/freeswitch-variant && cp -a /etc/freeswitch /etc/freeswitch-variant && cd /etc/freeswitch-variant &&
            sed -i 's|<X-PRE-PROCESS cmd="include" data="../sip_profiles/\*.xml"/>|<profile name="trunk"><settings><param name="sip-ip" value="$${local_ip_v4}"/><param name="sip-port" value="5090"/><param name="sip-capture" value="true"/><param name="rtcp-audio-interval-msec" value="5000"/></settings></profile>|' autoload_configs/sofia.conf.xml &&
            sed -i 's|<X-PRE-PROCESS cmd="set" data="internal_sip_port=5060"/>|<X-PRE-PROCESS cmd="set" data="internal_sip_port=5060"/>\n  <X-PRE-PROCESS cmd="set" data="rtp_lo=31000"/>\n  <X-PRE-PROCESS cmd="set" data="rtp_hi=31999"/>|' vars.xml &&
            sed -i -E 's|<param name="rtp-start-port" value="[0-9]+"/>|<param name="rtp-start-port" value="$${rtp_lo}"/>|; s|<param name="rtp-end-port" value="[0-9]+"/>|<param name="rtp-end-port" value="$${rtp_hi}"/>|' autoload_configs/switch.conf.xml &&
            grep -c 'rtp_lo' autoload_configs/switch.conf.xml && grep -c 'data="rtp_hi=31999"' vars.xml
            """);
        var address = _lab.Hosts[2].Address.ToString();

        var facts = await fixture.FactsAsync(host, new FreeSwitchFactsOptions { ConfDir = "/etc/freeswitch-variant" });

        var c = facts.Config!;
        Assert.Equal("/etc/freeswitch-variant", c.ConfDir);
        Assert.Equal((31000, 31999), (c.RtpStartPort, c.RtpEndPort));
        var trunk = Assert.Single(c.Profiles);
        Assert.Equal(("trunk", address, 5090, true, true), (trunk.Name, trunk.SipIp, trunk.SipPort, trunk.SipCapture, trunk.Rtcp));
        Assert.Equal([address], trunk.RtpIps);
        // The running process is the live tree's: its profiles still come from sofia status.
        Assert.Contains(facts.SofiaStatus, r => r.Name == "internal");
        await fixture.InHostAsync(host, "rm -rf /etc/freeswitch-variant");
    }

    [Fact]
    public async Task Facts_FsCliClient_ReportsWhatTheEslClientReports()
    {
        // The API part under fs_cli (hosts without bash 5, or api_client: fs_cli) asks the same sections as bash's client.
        var host = _lab.Hosts[1].Name;

        var viaEsl = await fixture.FactsAsync(host);
        var viaFsCli = await fixture.FactsAsync(host, new FreeSwitchFactsOptions { ApiClient = Esl.ApiClient.FsCli });

        Assert.Null(viaFsCli.EslError);
        Assert.NotNull(viaEsl.ActiveCalls);
        Assert.Equal((viaEsl.Version, viaEsl.ActiveCalls, viaEsl.SofiaStatusText), (viaFsCli.Version, viaFsCli.ActiveCalls, viaFsCli.SofiaStatusText));
        Assert.Equal(viaEsl.ProfileStatus.Keys.Order(), viaFsCli.ProfileStatus.Keys.Order());
        Assert.Equal(viaEsl.RuntimeVariables, viaFsCli.RuntimeVariables);
        Assert.Equal(viaEsl.CaptureSockets.Select(x => x.ToString()), viaFsCli.CaptureSockets.Select(x => x.ToString()));
    }

    [Fact]
    public async Task Facts_BashAndPosixSystemScripts_ReportTheSameHost()
    {
        var host = _lab.Hosts[0].Name;
        var options = new FreeSwitchFactsOptions();
        var inventory = Orchestrator.Inventory.InventoryLoader.Load([_lab.InventoryPath]);
        using var connector = new Orchestrator.Transport.HostConnector(new Orchestrator.Transport.TransportOptions());
        await using var connection = await connector.ConnectAsync(host, inventory.FindHost(host)!.Variables, CancellationToken.None);
        var shell = new ConnectionShell(connection, become: true);

        // Bash 5 is on the lab hosts, so System() takes the bash variant; the POSIX one is what hosts without it run.
        var viaBash = await shell.RunAsync(FactsScripts.System(options), null, null, null, CancellationToken.None);
        var viaPosix = await shell.RunAsync("exec /bin/sh -c " + ShellQuote.Quote(FactsScripts.SystemPosix(options)), null, null, null, CancellationToken.None);
        Assert.True(viaBash.ExitCode == 0 && viaPosix.ExitCode == 0, viaBash.Stderr + viaPosix.Stderr);
        var bash = SystemFacts.Read(FactsOutput.Parse(viaBash.Stdout), options);
        var posix = SystemFacts.Read(FactsOutput.Parse(viaPosix.Stdout), options);

        Assert.NotNull(bash.Pid);
        Assert.Equal((posix.Pid, posix.ConfDir, posix.Hostname, posix.LocalIpV4, posix.EphemeralRange, posix.ReservedPorts.ToString()),
            (bash.Pid, bash.ConfDir, bash.Hostname, bash.LocalIpV4, bash.EphemeralRange, bash.ReservedPorts.ToString()));
        Assert.Equal(posix.Pids, bash.Pids);
        Assert.Equal(posix.Sockets.Select(x => x.ToString()), bash.Sockets.Select(x => x.ToString()));
        Assert.Equal((posix.BindErrors.LogFile, posix.BindErrors.Readable, posix.BindErrors.Rtp, posix.BindErrors.Rtcp),
            (bash.BindErrors.LogFile, bash.BindErrors.Readable, bash.BindErrors.Rtp, bash.BindErrors.Rtcp));
        Assert.NotNull(bash.StartedAt);
        Assert.InRange(bash.StartedAt!.Value - posix.StartedAt!.Value, -0.1, 0.1);
        Assert.Equal(ConfTrees.TarEntries(posix.ConfTar.Value), ConfTrees.TarEntries(bash.ConfTar.Value));
    }

    private static string Serialize(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        IReadOnlyDictionary<string, object?> map => string.Join(" ", map.Select(kv => kv.Key + "=" + Serialize(kv.Value))),
        IDictionary<string, object?> map => string.Join(" ", map.Select(kv => kv.Key + "=" + Serialize(kv.Value))),
        System.Collections.IEnumerable list => string.Join(" ", list.Cast<object?>().Select(Serialize)),
        _ => value.ToString() ?? string.Empty,
    };
}
