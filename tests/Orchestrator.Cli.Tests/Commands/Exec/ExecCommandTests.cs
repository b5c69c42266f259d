using System.Text.Json;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Exec;

public sealed class ExecLab() : CliLab("exec", 3);

/// <summary><c>orchestrator exec</c> end to end: the real CLI process against the lab's inventory and sshd.</summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class ExecCommandTests : IClassFixture<ExecLab>, IDisposable
{
    private readonly ExecLab _lab;
    private readonly TempDirectory _temp = new();

    public ExecCommandTests(ExecLab lab) => _lab = lab;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Exec_AllHosts_PrintsEachHostAndASummaryAndExitsZero()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "--", "echo hello from; hostname -I");

        Assert.Equal(0, result.ExitCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"fs{i + 1} | CHANGED | rc=0 >>\nhello from\n{_lab.Address(i)}", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Matches(@"SUMMARY: 3 hosts in \d+\.\d\d s: 3 changed, 0 failed, 0 unreachable", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Exec_OneHostFails_ExitCode2WithItsOutput()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "--", $"if hostname -I | grep -q '^{_lab.Address(1)} '; then echo partial; echo broken >&2; exit 3; fi; echo fine");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fs2 | FAILED | rc=3 >>\npartial\nbroken\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("fs1 | CHANGED | rc=0 >>\nfine\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 changed, 1 failed, 0 unreachable", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  failed: fs2", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_UnreachableAndFailedHosts_ExitCode4AsAnsible()
    {
        var extra = _temp.Write("extra.yml", $"all:\n  hosts:\n    dead:\n      ansible_host: {_lab.Address(0)}\n      ansible_port: 2299\n");

        var result = await Exec("-i", _lab.Lab.InventoryPath, "-i", extra, "-T", "3", "--", $"hostname -I | grep -qv '^{_lab.Address(2)} '");

        Assert.Equal(4, result.ExitCode);
        Assert.Matches(@"dead \| UNREACHABLE! => dead: cannot connect to labuser@[\d.]+:2299: connection refused", result.Stdout);
        Assert.Contains("fs3 | FAILED | rc=1 >>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 changed, 1 failed, 1 unreachable", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_JsonOutput_OneObjectPerHostThenASummary()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "-l", "fs1:fs3", "--output", "json", "--", "printf 'out\\n'; printf 'err\\n' >&2");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var hosts = lines.Take(2).OrderBy(l => l.GetProperty("host").GetString()).ToList();
        Assert.Equal(["fs1", "fs3"], hosts.Select(h => h.GetProperty("host").GetString()));
        Assert.All(hosts, h =>
        {
            Assert.Equal("host", h.GetProperty("type").GetString());
            Assert.Equal("changed", h.GetProperty("status").GetString());
            Assert.Equal(0, h.GetProperty("rc").GetInt32());
            Assert.Equal("out\n", h.GetProperty("stdout").GetString());
            Assert.Equal("err\n", h.GetProperty("stderr").GetString());
            Assert.Equal(JsonValueKind.Null, h.GetProperty("msg").ValueKind);
            Assert.True(h.GetProperty("duration_ms").GetDouble() > 0);
            Assert.True(DateTimeOffset.TryParse(h.GetProperty("start").GetString(), out _));
        });
        var summary = lines[2];
        Assert.Equal("summary", summary.GetProperty("type").GetString());
        Assert.Equal(2, summary.GetProperty("hosts").GetInt32());
        Assert.Equal(2, summary.GetProperty("changed").GetInt32());
        Assert.Equal(0, summary.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Exec_Become_RunsAsRootOnEveryHost()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "-b", "-a", "id -un");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Stdout.Split('\n').Count(l => l == "root"));
    }

    [Fact]
    public async Task Exec_SshConfigFile_ResolvesInventoryNamesThroughIt()
    {
        var config = _temp.Write("ssh_config", $"""
            Host alpha
                HostName {_lab.Address(0)}
            Host beta
                HostName {_lab.Address(2)}
            Host alpha beta
                User {_lab.Lab.LoginUser}
                IdentityFile {_lab.Lab.ClientPrivateKeyPath}
                UserKnownHostsFile {_lab.Lab.KnownHostsPath}
            """);
        var inventory = _temp.Write("hosts.ini", "[web]\nalpha\nbeta\n");

        var result = await Exec("-i", inventory, "--ssh-config", config, "--", "hostname -I; id -un");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"alpha | CHANGED | rc=0 >>\n{_lab.Address(0)} \n{_lab.Lab.LoginUser}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"beta | CHANGED | rc=0 >>\n{_lab.Address(2)} \n{_lab.Lab.LoginUser}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_HostKeyCheckingOff_WarnsOnStderr()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "-l", "fs1", "--host-key-checking", "off", "--", "true");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[WARNING]: host key checking is OFF", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_UnknownHostKeyStrict_UnreachableWithFingerprint()
    {
        var inventory = _temp.Write("strict.yml", $"""
            all:
              vars:
                ansible_user: {_lab.Lab.LoginUser}
                ansible_ssh_private_key_file: {_lab.Lab.ClientPrivateKeyPath}
                ansible_ssh_common_args: -o UserKnownHostsFile={_temp.Combine("empty_known_hosts")}
              hosts:
                fs1:
                  ansible_host: {_lab.Address(0)}
            """);

        var result = await Exec("-i", inventory, "--", "true");

        Assert.Equal(4, result.ExitCode);
        Assert.Matches(@"fs1 \| UNREACHABLE! => fs1: host key verification failed for fs1 \([\d.]+\): the server presented ssh-ed25519 key SHA256:[A-Za-z0-9+/]{43}", result.Stdout);
    }

    [Fact]
    public async Task Exec_TaskTimeout_ReportsRc124()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "-l", "fs2", "--task-timeout", "1", "--", "sleep 30");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fs2 | FAILED | rc=124 >>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("timed out after 1 s", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_NoHostMatched_WarnsAndExitsZero()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath, "-l", "nothing-like-this", "--", "true");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[WARNING]: no hosts matched 'nothing-like-this'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "exec", "--", "true" }, "no inventory: give -i/--inventory, or set inventory in ansible.cfg")]
    [InlineData(new[] { "exec", "-i", "x.yml", "--output", "xml", "--", "true" }, "--output 'xml': expected text or json")]
    [InlineData(new[] { "exec", "-i", "x.yml", "--host-key-checking", "maybe", "--", "true" }, "expected strict, accept-new or off")]
    [InlineData(new[] { "exec", "-i", "x.yml", "-f", "0", "--", "true" }, "--forks 0: expected 1 to 1000")]
    public async Task Exec_BadArguments_ClearErrorAndNonZeroExit(string[] args, string message)
    {
        var result = await OrchestratorCli.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_NoCommand_ClearError()
    {
        var result = await Exec("-i", _lab.Lab.InventoryPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no command given", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Interrupted_ClosesConnectionsTerminatesRemoteCommandsAndExits130()
    {
        var info = OrchestratorCli.StartInfo(["exec", "-i", _lab.Lab.InventoryPath, "--", "sleep 4545.5"], new Dictionary<string, string> { ["HOME"] = _lab.Home });
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var running = string.Empty;
        for (var i = 0; i < 100 && running.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 3; i++)
        {
            await Task.Delay(200);
            running = await _lab.InHostAsync(0, "pgrep -fx 'sleep 4545.5' || true");
        }

        Assert.Equal(3, running.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, (await ProcessRunner.RunAsync("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Interrupted.", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("CHANGED", await stdout, StringComparison.Ordinal);
        var left = "?";
        for (var i = 0; i < 50 && left.Length > 0; i++)
        {
            await Task.Delay(100);
            left = (await _lab.InHostAsync(0, "pgrep -afx 'sleep 4545.5' || true")).Trim();
        }

        Assert.Equal(string.Empty, left);
        for (var host = 0; host < 3; host++)
        {
            var sessions = "?";
            for (var i = 0; i < 50 && sessions != "0"; i++)
            {
                sessions = (await _lab.InHostAsync(host, "ss -Htn state established '( sport = :22 )' | wc -l")).Trim();
                await Task.Delay(100);
            }

            Assert.Equal("0", sessions);
        }
    }

    [Fact]
    public async Task Exec_HostFloodsOutput_ControllerKeepsTheLimitWithAMarkerAndBoundedMemory()
    {
        // A hostile managed host: 200 MB on stdout. The controller keeps the first 16 MiB (the default limit), drops
        // the rest while still reading it, and says so; its memory stays far below what buffering it all would take.
        var timeFile = _temp.Write("time.txt", string.Empty);
        var arguments = new[] { "-f", "%M", "-o", timeFile, OrchestratorCli.Executable, "exec", "-i", _lab.Lab.InventoryPath, "--limit", "fs2", "--", "yes | head -c 200000000" };

        var result = await ProcessRunner.RunAsync("/usr/bin/time", arguments, environment: new Dictionary<string, string> { ["HOME"] = _lab.Home }, timeout: TimeSpan.FromSeconds(120));

        Assert.Contains("fs2 | CHANGED | rc=0 >>", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\[\.\.\. \d+ bytes truncated by orchestrator\]", result.Stdout);
        Assert.InRange(result.Stdout.Length, 16 * 1024 * 1024, 17 * 1024 * 1024);
        var maxRssKb = long.Parse(File.ReadAllText(timeFile).Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxRssKb < 300 * 1024, $"the controller peaked at {maxRssKb / 1024} MiB for a 200 MB flood");
    }

    private Task<ProcessResult> Exec(params string[] args) =>
        OrchestratorCli.RunAsync(new[] { "exec" }.Concat(args), environment: new Dictionary<string, string> { ["HOME"] = _lab.Home });
}
