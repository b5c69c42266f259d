using System.Text.RegularExpressions;
using Orchestrator.Testing;
using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Sofia;

/// <summary>
/// The bug itself, forced in a namespace of its own: ip_local_port_range 20000-20001 with 20001 reserved, so the kernel
/// can only give the capture socket port 20000, which is also the RTP range.
/// </summary>
[Trait("Category", "Lab")]
public sealed partial class CollisionTests
{
    private static async Task<TestNamespace> CollidingNamespaceAsync()
    {
        var ns = await TestNamespace.CreateAsync();
        await ns.SysctlAsync("net.ipv4.ip_local_port_range", "20000 20001");
        await ns.SysctlAsync("net.ipv4.ip_local_reserved_ports", "20001");
        return ns;
    }

    /// <summary>The capture socket keeps its port; sipp and fs_cli need ephemeral ports of their own.</summary>
    private static Task WidenEphemeralRangeAsync(TestNamespace ns) => ns.SysctlAsync("net.ipv4.ip_local_port_range", "40000 40999");

    private static void Capturing(ConfTree conf, int rtpEnd, bool robust)
    {
        conf.SetParam("autoload_configs/switch.conf.xml", "rtp-start-port", "20000");
        conf.SetParam("autoload_configs/switch.conf.xml", "rtp-end-port", rtpEnd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (robust)
        {
            conf.SetParam("autoload_configs/switch.conf.xml", "rtp-port-usage-robustness", "true");
        }

        conf.SetParam("autoload_configs/sofia.conf.xml", "capture-server", "udp:127.0.0.1:9060", "global_settings");
        conf.SetParam("sip_profiles/internal.xml", "sip-capture", "yes");
        conf.Delete("sip_profiles/external.xml");
        conf.Delete("sip_profiles/internal-ipv6.xml");
        conf.Delete("sip_profiles/external-ipv6.xml");
    }

    [Fact]
    public async Task Calls_CaptureSocketOnTheOnlyRtpPort_Get488AndTheExactLogLines()
    {
        TestRequirements.Program("sipp");
        await using var ns = await CollidingNamespaceAsync();
        await using var sim = await SimulatorProcess.StartAsync(conf => Capturing(conf, 20000, robust: false), ns);

        var capture = await sim.CaptureSocketsAsync("127.0.0.1:9060");
        Assert.Equal("127.0.0.1:20000", Assert.Single(capture).Local);
        await WidenEphemeralRangeAsync(ns);

        var sipp = await ns.ExecAsync("sipp", "-sn", "uac", "127.0.0.1:5060", "-m", "5", "-r", "20", "-nostdin", "-timeout", "30");

        Assert.NotEqual(0, sipp.ExitCode);
        var log = sim.Log;
        Assert.Equal(5, BindError().Matches(log).Count);
        Assert.Equal(5, CodecError().Matches(log).Count);
        Assert.Contains("\nm=audio 6000 RTP/AVP 0\r\n", log, StringComparison.Ordinal);
        var status = await sim.FsCliAsync("sofia status profile internal");
        Assert.Contains("\nCALLS-IN         \t5\nFAILED-CALLS-IN  \t5\n", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_RobustnessOnAtStart_SkipTheBusyPortWithTheDebugLine()
    {
        TestRequirements.Program("sipp");
        await using var ns = await CollidingNamespaceAsync();
        await using var sim = await SimulatorProcess.StartAsync(conf => Capturing(conf, 20004, robust: true), ns, extraArgs: ["-var", "sim_random_seed=42"]);
        Assert.Equal("127.0.0.1:20000", Assert.Single(await sim.CaptureSocketsAsync("127.0.0.1:9060")).Local);
        await WidenEphemeralRangeAsync(ns);

        var sipp = await ns.ExecAsync("sipp", "-sn", "uac", "127.0.0.1:5060", "-m", "20", "-r", "10", "-l", "1", "-nostdin", "-timeout", "30");

        Assert.True(sipp.ExitCode == 0, "sipp reported failed calls: " + sipp.Stdout[^Math.Min(1200, sipp.Stdout.Length)..]);
        var log = sim.Log;
        Assert.DoesNotContain("Bind Error", log, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\[DEBUG\] switch_core_port_allocator\.c:\d+ UDP port robustness check for port 20000 fail\n"), log);
        Assert.Matches(new Regex(@"UDP port robustness check for port 2000[24] pass\n"), log);
    }

    [GeneratedRegex(@"(?m)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \d{1,3}\.\d\d% \[ERR\] switch_core_media\.c:9648 AUDIO RTP REPORTS ERROR: \[Bind Error! 127\.0\.0\.1:20000\]$")]
    private static partial Regex BindError();

    [GeneratedRegex(@"(?m)^[0-9a-f-]{36} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \d{1,3}\.\d\d% \[WARNING\] mod_sofia\.c:2588 CODEC NEGOTIATION ERROR\.  SDP:$")]
    private static partial Regex CodecError();
}
