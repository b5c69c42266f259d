using Orchestrator.Lab.Tests.Support;
using Orchestrator.Testing.Labs;

namespace Orchestrator.Lab.Tests;

/// <summary>A clean-scenario lab with 3 hosts, shared by the test classes of the "clean lab" collection.</summary>
public sealed class CleanLabFixture : LabFixture
{
    public CleanLabFixture()
        : base("tclean", 3)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class CleanLabCollection : ICollectionFixture<CleanLabFixture>
{
    public const string Name = "clean lab";
}

/// <summary>Hosts reached over real OpenSSH with the generated files, users, sudo, namespaces.</summary>
[Collection(CleanLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class LabSshTests
{
    private readonly LabFleet _lab;

    public LabSshTests(CleanLabFixture fixture)
    {
        _lab = fixture.Lab;
    }

    [Fact]
    public async Task OpenSsh_GeneratedKeyAndKnownHosts_LogsIntoEveryHostAsEachUser()
    {
        foreach (var host in _lab.Hosts)
        {
            foreach (var user in new[] { _lab.LoginUser, _lab.PasswordUser, "root" })
            {
                var r = await Programs.SshAsync(_lab, user, host, "echo $(id -un)@$(hostname)");
                Assert.True(r.Succeeded, $"{user}@{host.Name}: {r.Stderr}");
                Assert.Equal($"{user}@{host.Name}", r.Stdout.Trim());
            }
        }
    }

    [Fact]
    public async Task Ansible_PingWithTheGeneratedInventory_EveryHostAnswersPong()
    {
        var r = await Programs.RunAsync("ansible", "all", "-i", _lab.InventoryPath, "-m", "ping", "-o");
        Assert.True(r.Succeeded, r.Stdout + r.Stderr);
        foreach (var host in _lab.Hosts)
        {
            Assert.Contains($"{host.Name} | SUCCESS", r.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("\"pong\"", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ansible_BecomeAsLoginUserAndAsPasswordUserWithItsPassword_RunsAsRoot()
    {
        var r = await Programs.RunAsync("ansible", "all", "-i", _lab.InventoryPath, "-b", "-m", "command", "-a", "id -u", "-o");
        Assert.True(r.Succeeded, r.Stdout + r.Stderr);
        Assert.Equal(_lab.Hosts.Count, r.Stdout.Split('\n').Count(l => l.Contains("| CHANGED | rc=0 | (stdout) 0", StringComparison.Ordinal)));

        // As labpass (extra vars beat the inventory's ansible_user; -u would not). Without the password first: sudo
        // remembers a successful authentication for the session.
        var withoutPassword = await Programs.RunAsync("ansible", _lab.Hosts[0].Name, "-i", _lab.InventoryPath, "-e", $"ansible_user={_lab.PasswordUser}", "-b", "-m", "command", "-a", "id -u", "-o");
        Assert.False(withoutPassword.Succeeded);
        Assert.Contains("Missing sudo password", withoutPassword.Stdout + withoutPassword.Stderr, StringComparison.Ordinal);

        // The password travels in a file, never in argv.
        var passwordFile = Path.Combine(_lab.Directory, "sudo-password");
        var withPassword = await Programs.RunAsync(
            "ansible", _lab.Hosts[0].Name, "-i", _lab.InventoryPath, "-e", $"ansible_user={_lab.PasswordUser}", "-b", "--become-password-file", passwordFile, "-m", "command", "-a", "id -u", "-o");
        Assert.True(withPassword.Succeeded, withPassword.Stdout + withPassword.Stderr);
        Assert.Contains("(stdout) 0", withPassword.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownHosts_AnotherHostsKeyForThisAddress_OpenSshRefuses()
    {
        // Each host has its own key: pinning fs1's address to fs2's key must fail strict checking.
        var lines = await File.ReadAllLinesAsync(_lab.KnownHostsPath);
        var fs2Key = lines.Single(l => l.StartsWith(_lab.Hosts[1].Address + " ", StringComparison.Ordinal)).Split(' ', 2)[1];
        var wrong = Path.Combine(_lab.Directory, "wrong_known_hosts");
        await File.WriteAllTextAsync(wrong, $"{_lab.Hosts[0].Address} {fs2Key}\n");
        try
        {
            var r = await Programs.RunAsync(
                "ssh", "-i", _lab.ClientPrivateKeyPath, "-o", $"UserKnownHostsFile={wrong}", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                $"{_lab.LoginUser}@{_lab.Hosts[0].Address}", "true");
            Assert.False(r.Succeeded);
            Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(wrong);
        }
    }

    [Fact]
    public async Task Sudo_LoginUser_BecomesRootWithoutPassword()
    {
        var r = await Programs.SshAsync(_lab, _lab.LoginUser, _lab.Hosts[0], "sudo -n id -u");
        Assert.True(r.Succeeded, r.Stderr);
        Assert.Equal("0", r.Stdout.Trim());
    }

    [Fact]
    public async Task Sudo_PasswordUser_NeedsTheLabPassword()
    {
        var host = _lab.Hosts[0];
        var withoutPassword = await Programs.SshAsync(_lab, _lab.PasswordUser, host, "sudo -n id -u");
        Assert.False(withoutPassword.Succeeded);
        Assert.Contains("a password is required", withoutPassword.Stderr, StringComparison.Ordinal);

        var wrong = await Programs.SshAsync(_lab, _lab.PasswordUser, host, "sudo -S -p '' id -u", "not-the-password\n");
        Assert.False(wrong.Succeeded);

        var right = await Programs.SshAsync(_lab, _lab.PasswordUser, host, "sudo -S -p '' id -u", _lab.SudoPassword.Reveal() + "\n");
        Assert.True(right.Succeeded, right.Stderr);
        Assert.Equal("0", right.Stdout.Trim());
    }

    [Fact]
    public async Task PasswordAuthentication_PasswordUser_LogsInWithTheLabPassword()
    {
        // OpenSSH reads the password from SSH_ASKPASS; the password never appears in argv.
        var askpass = Path.Combine(_lab.Directory, "askpass-test.sh");
        await File.WriteAllTextAsync(askpass, $"#!/bin/sh\ncat {Path.Combine(_lab.Directory, "sudo-password")}\n");
        File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var host = _lab.Hosts[0];
            var args = new List<string>
            {
                "-o", $"UserKnownHostsFile={_lab.KnownHostsPath}", "-o", "StrictHostKeyChecking=yes",
                "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1",
                $"{_lab.PasswordUser}@{host.Address}", "id -un",
            };
            var env = new Dictionary<string, string> { ["SSH_ASKPASS"] = askpass, ["SSH_ASKPASS_REQUIRE"] = "force", ["DISPLAY"] = ":0" };
            var r = await Orchestrator.Lab.Linux.ProcessRunner.RunAsync("ssh", args, CancellationToken.None, timeout: TimeSpan.FromSeconds(30), environment: env);
            Assert.True(r.Succeeded, r.Stderr);
            Assert.Equal(_lab.PasswordUser, r.Stdout.Trim());
        }
        finally
        {
            File.Delete(askpass);
        }
    }

    [Fact]
    public void SudoPassword_File_IsPrivateAndTheSecretIsRedacted()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_lab.Directory, "sudo-password")));
        Assert.Equal("[REDACTED]", _lab.SudoPassword.ToString());
        Assert.True(_lab.SudoPassword.Reveal().Length >= 16);
    }

    [Fact]
    public async Task ExecInHost_RunsInTheHostsNetworkUtsAndSysctlNamespaces()
    {
        var host = _lab.Hosts[1];
        var r = await _lab.ExecInHostAsync(host.Name, "hostname; ip -4 -o addr show dev eth0; cat /proc/sys/net/ipv4/ip_local_port_range; id -u", CancellationToken.None);
        Assert.True(r.Succeeded, r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.Equal(host.Name, lines[0]);
        Assert.Contains($"inet {host.Address}/24", lines[1], StringComparison.Ordinal);
        Assert.Equal("40000\t60999", lines[2]);
        Assert.Equal("0", lines[3]);
    }

    [Fact]
    public async Task Network_Host_HasNoDefaultRouteAndReachesOnlyTheLab()
    {
        var r = await _lab.ExecInHostAsync(_lab.Hosts[0].Name, "ip -4 route show; ip -4 route get 192.0.2.1 2>&1 || echo unreachable", CancellationToken.None);
        Assert.DoesNotContain("default", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{_lab.Subnet} dev eth0", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("unreachable", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Etc_WriteInOneHost_NotSeenByAnotherHostNorTheMachine()
    {
        var probe = $"/etc/orchestrator-lab-probe-{Guid.NewGuid():N}";
        try
        {
            Assert.True((await _lab.ExecInHostAsync(_lab.Hosts[0].Name, $"echo mine > {probe}", CancellationToken.None)).Succeeded);
            Assert.Equal("mine", (await _lab.ExecInHostAsync(_lab.Hosts[0].Name, $"cat {probe}", CancellationToken.None)).Stdout.Trim());
            Assert.False((await _lab.ExecInHostAsync(_lab.Hosts[1].Name, $"test -e {probe}", CancellationToken.None)).Succeeded);
            Assert.False(File.Exists(probe));
        }
        finally
        {
            await _lab.ExecInHostAsync(_lab.Hosts[0].Name, $"rm -f {probe}", CancellationToken.None);
        }
    }

    [Fact]
    public async Task StartSshd_ExtraAllowUsersLine_OnlyThatUserGetsIn()
    {
        var host = _lab.Hosts[2];
        try
        {
            await _lab.StartSshdAsync(host.Name, [$"AllowUsers {_lab.PasswordUser}"], CancellationToken.None);
            Assert.True((await Programs.SshAsync(_lab, _lab.PasswordUser, host, "true")).Succeeded);
            var refused = await Programs.SshAsync(_lab, _lab.LoginUser, host, "true");
            Assert.False(refused.Succeeded);
            Assert.Contains("Permission denied", refused.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await _lab.StartSshdAsync(host.Name, null, CancellationToken.None);
        }

        Assert.True((await Programs.SshAsync(_lab, _lab.LoginUser, host, "true")).Succeeded);
    }

    [Fact]
    public async Task StopSshd_ThenConnect_IsRefusedUntilStartedAgain()
    {
        var host = _lab.Hosts[2];
        try
        {
            await _lab.StopSshdAsync(host.Name, CancellationToken.None);
            var r = await Programs.SshAsync(_lab, _lab.LoginUser, host, "true");
            Assert.False(r.Succeeded);
            Assert.Contains("Connection refused", r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await _lab.StartSshdAsync(host.Name, null, CancellationToken.None);
        }

        Assert.True((await Programs.SshAsync(_lab, _lab.LoginUser, host, "true")).Succeeded);
    }
}
