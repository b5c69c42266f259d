using Orchestrator.Core.Transport;
using Orchestrator.Testing;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Lab;

/// <summary>fs2 is the bastion; fs1's sshd accepts logins only from fs2's address.</summary>
public sealed class JumpHostLab() : TransportLab("jump", 2)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Lab.StartSshdAsync(Host(0).Name, [$"AllowUsers *@{Address(1)}"], CancellationToken.None);
    }
}

[Trait("Category", "Lab")]
public sealed class JumpHostTests : IClassFixture<JumpHostLab>, IDisposable
{
    private readonly JumpHostLab _lab;
    private readonly TempDirectory _temp = new();

    public JumpHostTests(JumpHostLab lab) => _lab = lab;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ConnectAsync_Directly_RefusedByTheTarget()
    {
        using var connector = _lab.Connector();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None));

        Assert.Equal(UnreachableReason.Authentication, error.Reason);
        Assert.Contains($"User {_lab.Lab.LoginUser} from {_lab.Lab.ControllerAddress} not allowed because not listed in AllowUsers", await _lab.SshdLogAsync(0));
    }

    [Fact]
    public async Task ConnectAsync_ThroughJumpHostFromSshArgs_ReachesTheTarget()
    {
        var variables = _lab.Variables(0, extraSshArgs: $"-J {_lab.Lab.LoginUser}@{_lab.Address(1)}:22");
        using var connector = _lab.Connector();

        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);
        var result = await connection.RunAsync(new RemoteCommand("echo $SSH_CLIENT; hostname -I"), CancellationToken.None);

        var lines = result.Stdout.Split('\n');
        Assert.Equal(_lab.Address(1), lines[0].Split(' ')[0]);
        Assert.Equal(_lab.Address(0), lines[1].Trim());
    }

    [Fact]
    public async Task ConnectAsync_ProxyJumpFromSshConfig_ReachesTheTarget()
    {
        var config = _temp.Write("ssh_config", $"""
            Host bastion
                HostName {_lab.Address(1)}
                User {_lab.Lab.LoginUser}
            Host {_lab.Address(0)}
                ProxyJump bastion
            """);
        using var connector = _lab.Connector(configure: o => o.SshConfigPath = config);

        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);
        var result = await connection.RunAsync(new RemoteCommand("echo $SSH_CLIENT"), CancellationToken.None);

        Assert.Equal(_lab.Address(1), result.Stdout.Split(' ')[0]);
    }

    [Fact]
    public async Task ConnectAsync_BastionKeyUnknown_RefusedNamingTheJumpHost()
    {
        var knownHosts = _temp.Write("known_hosts", _lab.KnownHostsLine(0) + "\n");
        var variables = _lab.Variables(0);
        variables["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={knownHosts} -J {_lab.Lab.LoginUser}@{_lab.Address(1)}";
        using var connector = _lab.Connector();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.HostKey, error.Reason);
        Assert.Contains($"{_lab.Address(1)} (jump host for fs1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_TargetKeyChangedBehindTheBastion_Refused()
    {
        var (_, impostor) = await SshKeys.CreateAsync(_temp.Path, "impostor", "ed25519");
        var knownHosts = _temp.Write("known_hosts", $"{_lab.KnownHostsLine(1)}\n{_lab.Address(0)} {string.Join(' ', impostor.Split(' ')[..2])}\n");
        var variables = _lab.Variables(0);
        variables["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={knownHosts} -J {_lab.Lab.LoginUser}@{_lab.Address(1)}";
        using var connector = _lab.Connector();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        // The target's key is checked under its own name and port, not the loopback forward's.
        Assert.Equal(UnreachableReason.HostKey, error.Reason);
        Assert.Contains($"{knownHosts}:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_JumpHostCannotReachTheTarget_UnreachableNamingBoth()
    {
        var variables = _lab.Variables(0, extraSshArgs: $"-J {_lab.Lab.LoginUser}@{_lab.Address(1)}");
        variables["ansible_port"] = 2299L;
        using var connector = _lab.Connector(configure: o => o.Retry = new Transport.Retry.ConnectRetryOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.Network, error.Reason);
        Assert.Contains($"through jump host {_lab.Address(1)}", error.Message, StringComparison.Ordinal);
    }
}
