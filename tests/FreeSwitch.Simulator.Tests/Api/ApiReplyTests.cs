using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Api;

public sealed class ApiReplyTests
{
    private const string Line = "=================================================================================================";

    [Fact]
    public async Task SofiaStatus_TwoProfiles_MatchesModSofiaFormatByteForByte()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        var body = await sim.ApiAsync("sofia status");

        var ip = sim.Ip;
        var expected =
            $"{"Name",25}\t   Type\t  {"Data",40}\tState\n" +
            Line + "\n" +
            $"{"external",25}\tprofile\t  {$"sip:mod_sofia@{ip}:5080",40}\tRUNNING (0)\n" +
            $"{"internal",25}\tprofile\t  {$"sip:mod_sofia@{ip}:5060",40}\tRUNNING (0)\n" +
            $"{ip,25}\t  alias\t  {"internal",40}\tALIASED\n" +
            Line + "\n" +
            "2 profiles 1 alias\n";
        Assert.Equal(expected, body);
        Assert.Equal(97, Line.Length);
    }

    [Fact]
    public async Task SofiaStatusProfile_Internal_HasAddressAndCounterRows()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        var body = await sim.ApiAsync("sofia status profile internal");

        Assert.StartsWith(Line + "\nName             \tinternal\n", body, StringComparison.Ordinal);
        Assert.Contains($"\nRTP-IP           \t{sim.Ip}\n", body, StringComparison.Ordinal);
        Assert.Contains($"\nSIP-IP           \t{sim.Ip}\n", body, StringComparison.Ordinal);
        Assert.Contains($"\nURL              \tsip:mod_sofia@{sim.Ip}:5060\n", body, StringComparison.Ordinal);
        Assert.Contains($"\nBIND-URL         \tsip:mod_sofia@{sim.Ip}:5060\n", body, StringComparison.Ordinal);
        Assert.Contains("\nCALLS-IN         \t0\nFAILED-CALLS-IN  \t0\nCALLS-OUT        \t0\nFAILED-CALLS-OUT \t0\n", body, StringComparison.Ordinal);
        Assert.Equal("Invalid Profile!\n", await sim.ApiAsync("sofia status profile nosuch"));
    }

    [Fact]
    public async Task SofiaCommands_RepliesAreExact()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        Assert.Equal("+OK Global capture on", await sim.ApiAsync("sofia global capture on"));
        Assert.Equal("+OK Global capture off", await sim.ApiAsync("sofia global capture off"));
        Assert.Equal("-ERR Usage: siptrace <on|off>|capture <on|off>|watchdog <on|off>|debug <sla|presence|none", await sim.ApiAsync("sofia global capture"));
        Assert.Equal("+OK Global siptrace on", await sim.ApiAsync("sofia global siptrace on"));
        Assert.Equal("Enabled sip capturing on internal", await sim.ApiAsync("sofia profile internal capture on"));
        Assert.Equal("Disabled sip capturing on internal", await sim.ApiAsync("sofia profile internal capture off"));
        Assert.Equal("Invalid Profile [nosuch]", await sim.ApiAsync("sofia profile nosuch capture on"));
        Assert.Equal("Reload XML [Success]\n+OK scan complete\n", await sim.ApiAsync("sofia profile internal rescan"));
        Assert.StartsWith("Profile internal must be up for at least 10 seconds to stop/restart.\nPlease wait ", await sim.ApiAsync("sofia profile internal restart"), StringComparison.Ordinal);
        Assert.Equal("Unknown Command [frob]\n", await sim.ApiAsync("sofia frob"));
    }

    [Fact]
    public async Task CoreCommands_RepliesAreExact()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        Assert.Equal("\n0 total.\n", await sim.ApiAsync("show calls count"));
        Assert.Equal("+OK [Success]\n", await sim.ApiAsync("reloadxml"));
        Assert.Equal(sim.Ip, await sim.ApiAsync("global_getvar local_ip_v4"));
        Assert.Equal(sim.Ip, await sim.ApiAsync("global_getvar domain"));
        Assert.Equal("-ERR no reply\n", await sim.ApiAsync("global_getvar no_such_variable"));
        Assert.Equal("FreeSWITCH Version 1.10.12-release~64bit (-release 64bit)\n", await sim.ApiAsync("version"));
        var status = (await sim.ApiAsync("status")).Split('\n');
        Assert.Matches(@"^UP 0 years, 0 days, 0 hours, \d+ minutes?, \d+ seconds?, \d+ milliseconds?, \d+ microseconds?$", status[0]);
        Assert.Equal("FreeSWITCH (Version 1.10.12 -release 64bit) is ready", status[1]);
        Assert.Equal("0 session(s) since startup", status[2]);
        Assert.Equal("0 session(s) - peak 0, last 5min 0 ", status[3]);
        Assert.Equal("1000 session(s) max", status[5]);
    }

    [Fact]
    public async Task Shutdown_Api_AnswersOkExitsAndRemovesPidFile()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        Assert.Equal("+OK\n", await sim.ApiAsync("shutdown"));

        await SimulatorProcess.EventuallyAsync(() => Task.FromResult(sim.HasExited), exited => exited, "exit after shutdown");
        Assert.Equal(0, sim.ExitCode);
        Assert.False(File.Exists(sim.PidFile));
    }
}
