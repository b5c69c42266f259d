using FreeSwitch.Simulator.Tests.Support;

namespace FreeSwitch.Simulator.Tests.Esl;

public sealed class FsCliTests
{
    [Fact]
    public async Task Execute_WithPassword_PrintsBodyPlusNewlineAndExitsZero()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        var result = await sim.FsCliAsync("sofia global capture on", "-p", "ClueCon");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("+OK Global capture on\n", result.StdOut);
    }

    [Fact]
    public async Task Execute_WrongPassword_PrintsEslErrorAndFails()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        var result = await sim.FsCliAsync("status", "-p", "wrong");

        Assert.Equal(255, result.ExitCode);
        Assert.Equal("[ERROR] fs_cli.c:1699 main() Error Connecting [Authentication Error]\n", result.StdErr);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public async Task Execute_NothingListening_ConnectionErrorAndFails()
    {
        var result = await Shell.RunAsync(TestPaths.FsCliExe, ["-H", LoopbackAddresses.Next(), "-P", "8021", "-x", "status"], TimeSpan.FromSeconds(30));

        Assert.Equal(255, result.ExitCode);
        Assert.Equal("[ERROR] fs_cli.c:1699 main() Error Connecting [Socket Connection Error]\n", result.StdErr);
    }

    [Fact]
    public async Task Execute_PasswordFromHomeConfig_NeedsNoArgv()
    {
        await using var sim = await SimulatorProcess.StartAsync(conf => conf.SetParam("autoload_configs/event_socket.conf.xml", "password", "S3cret-esl"));
        var home = Path.Combine(sim.Root, "home");
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, ".fs_cli_conf"), $"[default]\nhost => {sim.Ip}\nport => 8021\npassword => S3cret-esl\n");

        var result = await Shell.RunAsync(TestPaths.FsCliExe, ["-x", "show calls count"], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["HOME"] = home });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("\n0 total.\n\n", result.StdOut);
    }
}

[Trait("Category", "Lab")]
public sealed class VanillaNamespaceTests
{
    [Fact]
    public async Task Vanilla_InANamespace_RunsUnchangedWithEveryProfileAndTheEventSocket()
    {
        await using var ns = await TestNamespace.CreateAsync();
        await using var sim = await SimulatorProcess.StartAsync(ns: ns);

        var status = await ns.ExecAsync(TestPaths.FsCliExe, "-x", "sofia status");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("4 profiles 1 alias\n", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("sip:mod_sofia@127.0.0.1:5060\tRUNNING (0)\n", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("sip:mod_sofia@[::1]:5080\tRUNNING (0)\n", status.StdOut, StringComparison.Ordinal);
        var sockets = await sim.UdpSocketsAsync();
        Assert.Equal(4, sockets.Count);
        Assert.Contains("[CONSOLE] switch_core.c:2505 FreeSWITCH Started", sim.Log, StringComparison.Ordinal);
    }
}
