using Orchestrator.Testing;
using Orchestrator.Testing.Simulator;

namespace FreeSwitch.FsCli.Tests;

/// <summary><c>fs_cli -x</c> as a user runs it, against the simulator's event socket: output, exit codes, ~/.fs_cli_conf.</summary>
public sealed class FsCliTests
{
    [Fact]
    public async Task Execute_WithPassword_PrintsBodyPlusNewlineAndExitsZero()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        var result = await sim.FsCliAsync("sofia global capture on", "-p", "ClueCon");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("+OK Global capture on\n", result.Stdout);
    }

    [Fact]
    public async Task Execute_WrongPassword_PrintsEslErrorAndFails()
    {
        await using var sim = await SimulatorProcess.StartAsync();

        var result = await sim.FsCliAsync("status", "-p", "wrong");

        Assert.Equal(255, result.ExitCode);
        Assert.Equal("[ERROR] fs_cli.c:1699 main() Error Connecting [Authentication Error]\n", result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Execute_NothingListening_ConnectionErrorAndFails()
    {
        var result = await ProcessRunner.RunAsync(SimulatorPaths.FsCliExe, ["-H", LoopbackAddresses.Next(), "-P", "8021", "-x", "status"], timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(255, result.ExitCode);
        Assert.Equal("[ERROR] fs_cli.c:1699 main() Error Connecting [Socket Connection Error]\n", result.Stderr);
    }

    [Fact]
    public async Task Execute_PasswordFromHomeConfig_NeedsNoArgv()
    {
        await using var sim = await SimulatorProcess.StartAsync(conf => conf.SetParam("autoload_configs/event_socket.conf.xml", "password", "S3cret-esl"));
        var home = Path.Combine(sim.Root, "home");
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, ".fs_cli_conf"), $"[default]\nhost => {sim.Ip}\nport => 8021\npassword => S3cret-esl\n");

        var result = await ProcessRunner.RunAsync(SimulatorPaths.FsCliExe, ["-x", "show calls count"], environment: new Dictionary<string, string> { ["HOME"] = home }, timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("\n0 total.\n\n", result.Stdout);
    }
}
