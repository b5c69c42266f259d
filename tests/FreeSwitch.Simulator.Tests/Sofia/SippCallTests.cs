using FreeSwitch.Simulator.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Sofia;

public sealed class SippCallTests
{
    [Fact]
    [Trait("Requires", "sipp")]
    public async Task SippUac_200CallsAtHighRate_AllSucceedAndAreCounted()
    {
        TestRequirements.Program("sipp");
        await using var sim = await SimulatorProcess.StartAsync();

        var sipp = await ProcessRunner.RunAsync("sipp", ["-sn", "uac", $"{sim.Ip}:5060", "-i", LoopbackAddresses.Next(), "-m", "200", "-r", "200", "-l", "100", "-nostdin", "-timeout", "60", "-trace_err", "-error_file", Path.Combine(sim.Root, "sipp_err.log")], timeout: TimeSpan.FromSeconds(90));

        Assert.True(sipp.ExitCode == 0, $"sipp failed ({sipp.ExitCode}): {sipp.Stdout[^Math.Min(1500, sipp.Stdout.Length)..]}");
        var status = await sim.ApiAsync("sofia status profile internal");
        Assert.Contains("\nCALLS-IN         \t200\nFAILED-CALLS-IN  \t0\n", status, StringComparison.Ordinal);
        Assert.Equal("\n0 total.\n", await sim.ApiAsync("show calls count"));
        Assert.StartsWith("200 session(s) since startup", (await sim.ApiAsync("status")).Split('\n')[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Bind Error", sim.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_RtpRange_AnswersEvenPortsInsideTheRangeAndReleasesThem()
    {
        await using var sim = await SimulatorProcess.StartAsync(conf =>
        {
            conf.SetParam("autoload_configs/switch.conf.xml", "rtp-start-port", "21001");
            conf.SetParam("autoload_configs/switch.conf.xml", "rtp-end-port", "21005");
        });
        using var client = new SipTestClient(LoopbackAddresses.Next(), sim.Ip, 5060);

        var ports = new HashSet<int>();
        for (var i = 0; i < 12; i++)
        {
            var answer = await client.CallAsync();
            Assert.StartsWith("SIP/2.0 200 OK", answer, StringComparison.Ordinal);
            Assert.Contains($"c=IN IP4 {sim.Ip}\r\n", answer, StringComparison.Ordinal);
            ports.Add(SipTestClient.AudioPort(answer));
        }

        Assert.Subset(new HashSet<int> { 21002, 21004 }, ports);
        Assert.Contains(21002, ports);
        Assert.Contains(21004, ports);
        Assert.Equal("\n0 total.\n", await sim.ApiAsync("show calls count"));
    }

    [Fact]
    public async Task ReloadXml_RtpRangeChanged_TakesEffectOnlyAfterRestart()
    {
        await using var first = await SimulatorProcess.StartAsync(conf =>
        {
            conf.SetParam("autoload_configs/switch.conf.xml", "rtp-start-port", "22000");
            conf.SetParam("autoload_configs/switch.conf.xml", "rtp-end-port", "22000");
        });
        var switchConf = Path.Combine(first.ConfDir, "autoload_configs/switch.conf.xml");
        File.WriteAllText(switchConf, File.ReadAllText(switchConf).Replace("\"22000\"", "\"22100\"", StringComparison.Ordinal));
        Assert.Equal("+OK [Success]\n", await first.ApiAsync("reloadxml"));
        using (var client = new SipTestClient(LoopbackAddresses.Next(), first.Ip, 5060))
        {
            Assert.Equal(22000, SipTestClient.AudioPort(await client.CallAsync()));
        }

        var conf = File.ReadAllText(switchConf);
        await using var restarted = await SimulatorProcess.StartAsync(c => c.Write("autoload_configs/switch.conf.xml", conf));
        using var client2 = new SipTestClient(LoopbackAddresses.Next(), restarted.Ip, 5060);
        Assert.Equal(22100, SipTestClient.AudioPort(await client2.CallAsync()));
    }
}
