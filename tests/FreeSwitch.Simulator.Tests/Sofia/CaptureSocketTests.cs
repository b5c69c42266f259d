using System.Net;
using System.Net.Sockets;
using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Sofia;

public sealed class CaptureSocketTests
{
    /// <summary>Capture to a homer on its own loopback address, sip-capture yes on internal and external.</summary>
    private static Task<SimulatorProcess> StartCapturingAsync(string homer, params string[] extraArgs) =>
        SimulatorProcess.StartAsync(
            conf =>
            {
                conf.SetParam("autoload_configs/sofia.conf.xml", "capture-server", $"udp:{homer}:9060;hep=3;capture_id=4711", "global_settings");
                conf.SetParam("sip_profiles/internal.xml", "sip-capture", "yes");
                conf.SetParam("sip_profiles/external.xml", "sip-capture", "yes");
            },
            extraArgs: extraArgs);

    [Fact]
    public async Task Start_SipCaptureYes_OneConnectedSocketPerProfileToTheCaptureServer()
    {
        var homer = LoopbackAddresses.Next();
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Parse(homer), 9060));
        await using var sim = await StartCapturingAsync(homer);

        var sockets = await sim.CaptureSocketsAsync($"{homer}:9060");

        Assert.Equal(2, sockets.Count);
        Assert.All(sockets, s => Assert.Contains($"users:((\"freeswitch\",pid={sim.Pid},", s.Line, StringComparison.Ordinal));
        Assert.All(sockets, s => Assert.DoesNotContain(":5060", s.Local, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GlobalCapture_OffThenOn_NewPorts_OnWhenOn_SamePorts_AndChangeIsAsynchronous()
    {
        var homer = LoopbackAddresses.Next();
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Parse(homer), 9060));
        await using var sim = await StartCapturingAsync(homer, "-var", "sim_capture_delay_ms=1500");
        var peer = $"{homer}:9060";
        var before = (await sim.CaptureSocketsAsync(peer)).Select(s => s.Local).Order().ToList();
        Assert.Equal(2, before.Count);

        var asked = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("+OK Global capture off", await sim.ApiAsync("sofia global capture off"));
        var stillOpen = (await sim.CaptureSocketsAsync(peer)).Count;
        if (asked.Elapsed < TimeSpan.FromMilliseconds(1200))
        {
            // The change is asynchronous: +OK comes back before the socket closes.
            Assert.Equal(2, stillOpen);
        }

        await SimulatorProcess.EventuallyAsync(() => sim.CaptureSocketsAsync(peer), s => s.Count == 0, "capture sockets closing");

        Assert.Equal("+OK Global capture on", await sim.ApiAsync("sofia global capture on"));
        var after = (await SimulatorProcess.EventuallyAsync(() => sim.CaptureSocketsAsync(peer), s => s.Count == 2, "capture sockets reopening"))
            .Select(s => s.Local).Order().ToList();
        Assert.NotEqual(before, after);

        Assert.Equal("+OK Global capture on", await sim.ApiAsync("sofia global capture on"));
        await Task.Delay(1200);
        Assert.Equal(after, (await sim.CaptureSocketsAsync(peer)).Select(s => s.Local).Order().ToList());

        Assert.Equal("Disabled sip capturing on internal", await sim.ApiAsync("sofia profile internal capture off"));
        await SimulatorProcess.EventuallyAsync(() => sim.CaptureSocketsAsync(peer), s => s.Count == 1, "internal's capture socket closing");
    }

    [Fact]
    public async Task GlobalCaptureOn_NoCaptureServer_OpensNothing()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        Assert.Equal("+OK Global capture on", await sim.ApiAsync("sofia global capture on"));
        await Task.Delay(500);

        Assert.DoesNotContain(await sim.UdpSocketsAsync(), l => l.StartsWith("ESTAB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InvalidCaptureServer_NoSocketAndALogLine()
    {
        await using var sim = await SimulatorProcess.StartAsync(conf =>
        {
            conf.SetParam("autoload_configs/sofia.conf.xml", "capture-server", "udp:127.0.0.1:80", "global_settings");
            conf.SetParam("sip_profiles/internal.xml", "sip-capture", "yes");
        });

        Assert.DoesNotContain(await sim.UdpSocketsAsync(), l => l.StartsWith("ESTAB", StringComparison.Ordinal));
        Assert.Contains("[DEBUG] tport_logging.c:155 tport_open_log: capture-server \"udp:127.0.0.1:80\" not used: invalid port number 80; must be in [1024,65536]", sim.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadXml_NewCaptureServer_UsedByTheNextCaptureOn()
    {
        var homer = LoopbackAddresses.Next();
        var homer2 = LoopbackAddresses.Next();
        await using var sim = await StartCapturingAsync(homer);
        var text = File.ReadAllText(Path.Combine(sim.ConfDir, "autoload_configs/sofia.conf.xml")).Replace(homer, homer2, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(sim.ConfDir, "autoload_configs/sofia.conf.xml"), text);

        Assert.Equal("+OK [Success]\n", await sim.ApiAsync("reloadxml"));
        Assert.Equal(2, (await sim.CaptureSocketsAsync($"{homer}:9060")).Count);
        await sim.ApiAsync("sofia global capture on");

        await SimulatorProcess.EventuallyAsync(() => sim.CaptureSocketsAsync($"{homer2}:9060"), s => s.Count == 2, "capture moving to the reloaded server");
        Assert.Empty(await sim.CaptureSocketsAsync($"{homer}:9060"));
    }
}
