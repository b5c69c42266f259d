using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Hosting;

[Trait("Category", "Lab")]
public sealed class VanillaNamespaceTests
{
    [Fact]
    public async Task Vanilla_InANamespace_RunsUnchangedWithEveryProfileAndTheEventSocket()
    {
        await using var ns = await TestNamespace.CreateAsync();
        await using var sim = await SimulatorProcess.StartAsync(ns: ns);

        var status = await ns.ExecAsync(SimulatorPaths.FsCliExe, "-x", "sofia status");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("4 profiles 1 alias\n", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("sip:mod_sofia@127.0.0.1:5060\tRUNNING (0)\n", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("sip:mod_sofia@[::1]:5080\tRUNNING (0)\n", status.Stdout, StringComparison.Ordinal);
        var sockets = await sim.UdpSocketsAsync();
        Assert.Equal(4, sockets.Count);
        Assert.Contains("[CONSOLE] switch_core.c:2505 FreeSWITCH Started", sim.Log, StringComparison.Ordinal);
    }
}
