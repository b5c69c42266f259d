using System.Globalization;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Facts;

/// <summary>
/// The real system script (tar, find, awk, ss) run by the local shell against config trees in temporary directories,
/// parsed by the collector: vanilla and variants, each with hand-computed expectations.
/// </summary>
public sealed class FactsOnConfigTreesTests
{
    private static FreeSwitchFactsOptions Options(string conf, string? log = null)
    {
        var options = new FreeSwitchFactsOptions { ConfDir = conf, LogFile = log ?? Path.Combine(conf, "no-such.log"), SkipApi = true };
        options.RuntimeVariables["local_ip_v4"] = "10.0.0.5";
        options.RuntimeVariables["local_ip_v6"] = "fd00::5";
        return options;
    }

    private static Task<FreeSwitchHostFacts> Collect(FreeSwitchFactsOptions options) =>
        new FreeSwitchFactsCollector(options).CollectAsync(new LocalShell("fs-test"), CancellationToken.None);

    [Fact]
    public async Task Collect_Vanilla_MatchesHandComputedValues()
    {
        using var tree = ConfTrees.CopyVanilla();
        var facts = await Collect(Options(tree.Path));

        Assert.Null(facts.ConfigError);
        var c = facts.Config!;
        Assert.Equal(tree.Path, facts.ConfDir);
        Assert.Equal((16384, 32768), (c.RtpStartPort, c.RtpEndPort));
        Assert.True(c.RtpRangeIsDefault);
        Assert.False(c.Robustness);
        Assert.Null(c.RobustnessLocation);
        Assert.Equal(tree.Path + "/autoload_configs/switch.conf.xml", c.SwitchSettingsFile);
        Assert.Null(c.CaptureServerValue);
        Assert.Null(c.CaptureServer);
        Assert.Equal(
            ["external-ipv6 fd00::5 fd00::5 5080 no", "external 10.0.0.5 10.0.0.5 5080 no", "internal-ipv6 fd00::5 fd00::5 5060 -", "internal 10.0.0.5 10.0.0.5 5060 no"],
            c.Profiles.Select(p => $"{p.Name} {p.SipIp} {string.Join('+', p.RtpIps)} {p.SipPort} {p.SipCaptureValue ?? "-"}"));
        Assert.All(c.Profiles, p => Assert.False(p.SipCapture));
        Assert.All(c.Profiles, p => Assert.False(p.Rtcp));
        Assert.Equal("::", c.EslListenIp);
        Assert.Equal(8021, c.EslListenPort);
        Assert.Equal("ClueCon", c.EslPassword.Reveal());

        // The file times come back for the files the reader used, keyed by the same paths.
        Assert.Contains(c.SwitchSettingsFile!, facts.FileModified.Keys);
        Assert.True(facts.FileModified.Count > 100, $"only {facts.FileModified.Count} file times");
    }

    [Fact]
    public async Task Collect_InlineProfileAndCaptureServer_ReadFromSofiaConf()
    {
        using var tree = ConfTrees.CopyVanilla();
        ConfTrees.Edit(tree.Path, "autoload_configs/sofia.conf.xml", "<X-PRE-PROCESS cmd=\"include\" data=\"../sip_profiles/*.xml\"/>", """
            <profile name="inline">
                  <settings>
                    <param name="sip-ip" value="10.1.1.1"/>
                    <param name="rtp-ip" value="10.1.1.2"/>
                    <param name="rtp-ip" value="10.1.1.3"/>
                    <param name="sip-port" value="5070"/>
                    <param name="sip-capture" value="yes"/>
                    <param name="rtcp-audio-interval-msec" value="5000"/>
                  </settings>
                </profile>
            """);
        ConfTrees.Edit(
            tree.Path,
            "autoload_configs/sofia.conf.xml",
            "<!-- <param name=\"capture-server\" value=\"udp:homer.domain.com:5060\"/> -->",
            "<param name=\"capture-server\" value=\"udp:10.0.0.1:9060;hep=2;capture_id=201\"/>");
        var facts = await Collect(Options(tree.Path));

        var c = facts.Config!;
        var profile = Assert.Single(c.Profiles);
        Assert.Equal("inline", profile.Name);
        Assert.Equal("10.1.1.1", profile.SipIp);
        Assert.Equal(["10.1.1.2", "10.1.1.3"], profile.RtpIps);
        Assert.Equal(5070, profile.SipPort);
        Assert.True(profile.SipCapture);
        Assert.True(profile.Rtcp);
        Assert.Equal(("10.0.0.1", 9060, 2, 201u), (c.CaptureServer!.Host, c.CaptureServer.Port, c.CaptureServer.HepVersion, c.CaptureServer.CaptureId));
        Assert.StartsWith(tree.Path + "/autoload_configs/sofia.conf.xml:", c.CaptureServerLocation);
    }

    [Fact]
    public async Task Collect_OtherIncludeLayout_AbsoluteGlobAndSplitSettings()
    {
        using var tree = ConfTrees.CopyVanilla();
        // Profiles moved to sip_profiles/enabled/, included through an absolute $${conf_dir} glob.
        Directory.CreateDirectory(Path.Combine(tree.Path, "sip_profiles", "enabled"));
        File.Move(Path.Combine(tree.Path, "sip_profiles", "internal.xml"), Path.Combine(tree.Path, "sip_profiles", "enabled", "internal.xml"));
        foreach (var other in new[] { "external.xml", "external-ipv6.xml", "internal-ipv6.xml" })
        {
            File.Move(Path.Combine(tree.Path, "sip_profiles", other), Path.Combine(tree.Path, "sip_profiles", other + ".disabled"));
        }

        ConfTrees.Edit(tree.Path, "autoload_configs/sofia.conf.xml", "data=\"../sip_profiles/*.xml\"", "data=\"$${conf_dir}/sip_profiles/enabled/*.xml\"");
        // RTP settings in their own file, included inside <settings>.
        File.WriteAllText(Path.Combine(tree.Path, "autoload_configs", "rtp-ports.inc"), """
            <include>
              <param name="rtp-start-port" value="20000"/>
              <param name="rtp-end-port" value="29999"/>
              <param name="rtp-port-usage-robustness" value="true"/>
            </include>

            """);
        ConfTrees.Edit(tree.Path, "autoload_configs/switch.conf.xml", "    <!-- RTP port range -->", "    <X-PRE-PROCESS cmd=\"include\" data=\"rtp-ports.inc\"/>");
        var facts = await Collect(Options(tree.Path));

        var c = facts.Config!;
        Assert.Equal(["internal"], c.Profiles.Select(p => p.Name));
        Assert.Equal((20000, 29999, false), (c.RtpStartPort, c.RtpEndPort, c.RtpRangeIsDefault));
        Assert.True(c.Robustness);
        Assert.StartsWith(tree.Path + "/autoload_configs/rtp-ports.inc:4:", c.RobustnessLocation);
        Assert.Equal(tree.Path + "/autoload_configs/rtp-ports.inc", c.RobustnessFile);
    }

    [Fact]
    public async Task Collect_OverriddenVars_LaterSetWins()
    {
        using var tree = ConfTrees.CopyVanilla();
        ConfTrees.Edit(tree.Path, "vars.xml", "<X-PRE-PROCESS cmd=\"set\" data=\"internal_sip_port=5060\"/>", """
            <X-PRE-PROCESS cmd="set" data="internal_sip_port=5060"/>
              <X-PRE-PROCESS cmd="set" data="internal_sip_port=5062"/>
              <X-PRE-PROCESS cmd="set" data="rtp_low=30000"/>
              <X-PRE-PROCESS cmd="set" data="rtp_high=30999"/>
              <X-PRE-PROCESS cmd="set" data="homer=10.9.9.9"/>
            """);
        ConfTrees.Edit(tree.Path, "autoload_configs/switch.conf.xml", "<!-- <param name=\"rtp-start-port\" value=\"16384\"/> -->", "<param name=\"rtp-start-port\" value=\"$${rtp_low}\"/>");
        ConfTrees.Edit(tree.Path, "autoload_configs/switch.conf.xml", "<!-- <param name=\"rtp-end-port\" value=\"32768\"/> -->", "<param name=\"rtp-end-port\" value=\"$${rtp_high}\"/>");
        ConfTrees.Edit(
            tree.Path,
            "autoload_configs/sofia.conf.xml",
            "<!-- <param name=\"capture-server\" value=\"udp:homer.domain.com:5060;hep=3;capture_id=100\"/> -->",
            "<param name=\"capture-server\" value=\"udp:$${homer}:9060\"/>");
        var facts = await Collect(Options(tree.Path));

        var c = facts.Config!;
        Assert.Equal((30000, 30999), (c.RtpStartPort, c.RtpEndPort));
        Assert.False(c.RtpStartPortIsDefault);
        Assert.Equal(5062, c.Profiles.Single(p => p.Name == "internal").SipPort);
        Assert.Equal(5062, c.Profiles.Single(p => p.Name == "internal-ipv6").SipPort);
        Assert.Equal("udp:10.9.9.9:9060", c.CaptureServerValue);
        Assert.Equal((3, 200u), (c.CaptureServer!.HepVersion, c.CaptureServer.CaptureId));
    }

    [Theory]
    [InlineData("udp:homer:80", "invalid port number 80")]
    [InlineData("tcp:homer:9060", "only the udp protocol")]
    [InlineData("udp:homer:9060;hep=4", "invalid hep version")]
    [InlineData("udp:homer:9060;capture_id=0", "invalid capture id")]
    [InlineData("udp:homer:9060;foo=1", "unsupported capture param")]
    public async Task Collect_InvalidCaptureServer_ReasonReported(string value, string reason)
    {
        using var tree = ConfTrees.CopyVanilla();
        ConfTrees.Edit(
            tree.Path,
            "autoload_configs/sofia.conf.xml",
            "<!-- <param name=\"capture-server\" value=\"udp:homer.domain.com:5060\"/> -->",
            $"<param name=\"capture-server\" value=\"{value}\"/>");
        var facts = await Collect(Options(tree.Path));
        Assert.Null(facts.Config!.CaptureServer);
        Assert.Contains(reason, facts.Config.CaptureServerError);
        Assert.Equal(value, facts.Config.CaptureServerValue);
    }

    [Fact]
    public async Task Collect_MalformedXml_ReportsFileLineColumn()
    {
        using var tree = ConfTrees.CopyVanilla();
        ConfTrees.Edit(tree.Path, "autoload_configs/event_socket.conf.xml", "<param name=\"listen-port\" value=\"8021\"/>", "<param name=\"listen-port\" value=\"8021\">");
        var facts = await Collect(Options(tree.Path));
        Assert.Null(facts.Config);
        Assert.Matches(@"event_socket\.conf\.xml:\d+:\d+: malformed XML", facts.ConfigError);
    }

    [Fact]
    public async Task Collect_MissingConfDir_SaysSo()
    {
        using var tree = new TempDirectory("orch-fs-");
        var facts = await Collect(Options(Path.Combine(tree.Path, "nothing")));
        Assert.Null(facts.Config);
        Assert.Contains("file missing: the conf dir", facts.ConfigError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_BindErrorLines_CountedInsideTheWindowOnly()
    {
        using var tree = ConfTrees.CopyVanilla();
        var log = Path.Combine(tree.Path, "freeswitch.log");
        var now = TimeProvider.System.GetLocalNow();
        string Stamp(TimeSpan ago) => (now - ago).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        File.WriteAllLines(log, [
            $"5f1c7c1e-0000-4000-8000-000000000001 {Stamp(TimeSpan.FromHours(30))} 97.50% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20010]",
            $"{Stamp(TimeSpan.FromHours(2))} 98.00% [INFO] mod_sofia.c:100 nothing to see",
            $"5f1c7c1e-0000-4000-8000-000000000002 {Stamp(TimeSpan.FromHours(2))} 97.50% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20042]",
            $"5f1c7c1e-0000-4000-8000-000000000002 {Stamp(TimeSpan.FromHours(2))} 97.50% [WARNING] mod_sofia.c:2588 CODEC NEGOTIATION ERROR.  SDP:",
            $"5f1c7c1e-0000-4000-8000-000000000003 {Stamp(TimeSpan.FromMinutes(5))} 97.50% [ERR] switch_rtp.c:2828 Error allocating rtcp [RTCP Bind Error!]",
            $"5f1c7c1e-0000-4000-8000-000000000004 {Stamp(TimeSpan.FromMinutes(1))} 97.50% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20044]",
        ]);
        var facts = await Collect(Options(tree.Path, log));

        var b = facts.BindErrors!;
        Assert.True(b.Readable);
        Assert.Equal(2, b.Rtp);
        Assert.Equal(1, b.Rtcp);
        Assert.Contains("[Bind Error! 10.0.0.5:20044]", b.LastLine);
    }

    [Fact]
    public async Task Collect_UnreadableLog_Warns()
    {
        using var tree = ConfTrees.CopyVanilla();
        var facts = await Collect(Options(tree.Path));
        Assert.False(facts.BindErrors!.Readable);
        Assert.Contains(facts.Warnings, w => w.Contains("not readable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_PortSysctls_ReadFromProc()
    {
        using var tree = ConfTrees.CopyVanilla();
        var facts = await Collect(Options(tree.Path));
        var expected = (await LocalShell.RunChecked("cat /proc/sys/net/ipv4/ip_local_port_range")).Split(['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{expected[0]}-{expected[1]}", facts.EphemeralRange!.Value.ToString());
        Assert.Equal((await LocalShell.RunChecked("cat /proc/sys/net/ipv4/ip_local_reserved_ports")).Trim(), facts.ReservedPorts.ToString());
    }

    [Fact]
    public async Task Collect_UsesOneRoundTrip_WhenNothingRunsOrApiSkipped()
    {
        using var tree = ConfTrees.CopyVanilla();
        var shell = new LocalShell("fs-test");
        await new FreeSwitchFactsCollector(Options(tree.Path)).CollectAsync(shell, CancellationToken.None);
        Assert.Single(shell.Runs);
    }

    [Fact]
    public async Task Collect_ZombieFreeSwitch_IsNotTakenForTheRunningProcess()
    {
        // Right after a restart the old process can linger as a zombie until its parent reaps it; its lower PID and old
        // start time must not pass for the running FreeSWITCH (that made "robustness in effect" read false).
        using var tree = ConfTrees.CopyVanilla();
        var bin = Path.Combine(tree.Path, "bin");
        Directory.CreateDirectory(bin);
        var exe = Path.Combine(bin, "freeswitch");
        File.Copy("/bin/sleep", exe); // keeps the executable mode

        // A parent that never waits: its first child (freeswitch 0) exits at once and stays a zombie; the second lives.
        var psi = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import subprocess,sys,time\n"
            + "z = subprocess.Popen([sys.argv[1], '0']); time.sleep(0.5)\n"
            + "a = subprocess.Popen([sys.argv[1], '60'])\n"
            + "print(z.pid, a.pid, flush=True); time.sleep(60)\n");
        psi.ArgumentList.Add(exe);
        using var parent = System.Diagnostics.Process.Start(psi)!;
        try
        {
            var pids = (await parent.StandardOutput.ReadLineAsync())!.Split(' ').Select(int.Parse).ToArray();
            var (zombie, alive) = (pids[0], pids[1]);
            Assert.Contains(") Z ", await File.ReadAllTextAsync($"/proc/{zombie}/stat"), StringComparison.Ordinal);

            var facts = await Collect(Options(tree.Path));

            Assert.DoesNotContain(zombie, facts.Pids);
            Assert.Contains(alive, facts.Pids);
        }
        finally
        {
            parent.Kill(entireProcessTree: true);
            await parent.WaitForExitAsync();
        }
    }
}
