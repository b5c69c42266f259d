using Orchestrator.Core.Transport;
using Orchestrator.Testing;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Lab;

public sealed class HostKeyLab() : TransportLab("keys", 1);

/// <summary>Host key checking against the lab's real host keys, in each mode.</summary>
[Trait("Category", "Lab")]
public sealed class HostKeyTests : IClassFixture<HostKeyLab>, IDisposable
{
    private readonly HostKeyLab _lab;
    private readonly TempDirectory _temp = new();

    public HostKeyTests(HostKeyLab lab) => _lab = lab;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ConnectAsync_ChangedKeyInStrictMode_RefusedBeforeAnyCommandRuns()
    {
        var (_, impostor) = await SshKeys.CreateAsync(_temp.Path, "impostor", "ed25519");
        var knownHosts = _temp.Write("known_hosts", $"# managed by the test\n{_lab.Address(0)} {string.Join(' ', impostor.Split(' ')[..2])}\n");
        var presented = await RealFingerprintAsync();
        var accepted = CountAccepted(await _lab.SshdLogAsync(0));
        await _lab.InHostAsync(0, "rm -f /tmp/hostkey-marker");
        using var connector = _lab.Connector();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(async () =>
        {
            await using var connection = await connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None);
            await connection.RunAsync(new RemoteCommand("touch /tmp/hostkey-marker"), CancellationToken.None);
        });

        Assert.Equal(UnreachableReason.HostKey, error.Reason);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", error.Message, StringComparison.Ordinal);
        Assert.Contains(presented, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{knownHosts}:2", error.Message, StringComparison.Ordinal);
        // Nothing ran: no login was accepted, and the marker does not exist.
        Assert.Equal(accepted, CountAccepted(await _lab.SshdLogAsync(0)));
        Assert.Equal("absent", (await _lab.InHostAsync(0, "test -e /tmp/hostkey-marker && echo present || echo absent")).Trim());
    }

    [Fact]
    public async Task ConnectAsync_UnknownHostInStrictMode_RefusedNamingTheFingerprintAndFile()
    {
        var knownHosts = _temp.Write("known_hosts", string.Empty);
        using var connector = _lab.Connector();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None));

        Assert.Equal(UnreachableReason.HostKey, error.Reason);
        Assert.Contains(await RealFingerprintAsync(), error.Message, StringComparison.Ordinal);
        Assert.Contains(knownHosts, error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task ConnectAsync_UnknownHostInAcceptNewMode_RecordsTheKeyAndConnects()
    {
        var knownHosts = _temp.Write("known_hosts", "# existing content stays\n");
        var log = new CapturingLoggerFactory();
        using (var connector = _lab.Connector(log, o => o.HostKeyCheckingOverride = HostKeyChecking.AcceptNew))
        {
            await using var connection = await connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None);
            Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
        }

        var lines = File.ReadAllLines(knownHosts);
        Assert.Equal("# existing content stays", lines[0]);
        Assert.Equal(_lab.KnownHostsLine(0), lines[1]);
        Assert.Contains(log.Warnings, w => w.Contains("Permanently added", StringComparison.Ordinal));

        // The recorded key is enough for a strict connection afterwards; and OpenSSH reads the file too.
        using var strict = _lab.Connector();
        await using var again = await strict.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None);
        Assert.Equal(0, (await ProcessRunner.RunAsync("ssh-keygen", ["-F", _lab.Address(0), "-f", knownHosts])).ExitCode);
    }

    [Fact]
    public async Task ConnectAsync_ChangedKeyInAcceptNewMode_StillRefused()
    {
        var (_, impostor) = await SshKeys.CreateAsync(_temp.Path, "impostor2", "ed25519");
        var content = $"{_lab.Address(0)} {string.Join(' ', impostor.Split(' ')[..2])}\n";
        var knownHosts = _temp.Write("known_hosts", content);
        using var connector = _lab.Connector(configure: o => o.HostKeyCheckingOverride = HostKeyChecking.AcceptNew);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None));

        Assert.Equal(UnreachableReason.HostKey, error.Reason);
        Assert.Contains($"{knownHosts}:1", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task ConnectAsync_HashedKnownHostsFromSshKeygen_Trusted()
    {
        var knownHosts = _temp.Write("known_hosts", "other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOxaBGPTcaY1AFuJJ5lNubN3TH3jq8yQj/aEYWxwEd3/\n" + _lab.KnownHostsLine(0) + "\n");
        var hashed = await ProcessRunner.RunAsync("ssh-keygen", ["-H", "-f", knownHosts]);
        Assert.Equal(0, hashed.ExitCode);
        Assert.DoesNotContain(_lab.Address(0), File.ReadAllText(knownHosts), StringComparison.Ordinal);
        Assert.StartsWith("|1|", File.ReadAllLines(knownHosts)[1], StringComparison.Ordinal);
        using var connector = _lab.Connector();

        await using var connection = await connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None);

        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task ConnectAsync_AcceptNewWithHashKnownHosts_AppendsAHashedEntryOpenSshFinds()
    {
        var knownHosts = _temp.Write("known_hosts", string.Empty);
        var config = _temp.Write("ssh_config", "Host *\n    HashKnownHosts yes\n");
        using (var connector = _lab.Connector(configure: o => { o.HostKeyCheckingOverride = HostKeyChecking.AcceptNew; o.SshConfigPath = config; }))
        {
            await using var connection = await connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None);
        }

        var line = File.ReadAllText(knownHosts).Trim();
        Assert.StartsWith("|1|", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_lab.Address(0), line, StringComparison.Ordinal);
        var found = await ProcessRunner.RunAsync("ssh-keygen", ["-F", _lab.Address(0), "-f", knownHosts]);
        Assert.Equal(0, found.ExitCode);
    }

    [Fact]
    public async Task ConnectAsync_RevokedKey_RefusedEvenWithCheckingOff()
    {
        var knownHosts = _temp.Write("known_hosts", $"@revoked * {string.Join(' ', _lab.KnownHostsLine(0).Split(' ')[1..3])}\n{_lab.KnownHostsLine(0)}\n");
        using var connector = _lab.Connector(configure: o => o.HostKeyCheckingOverride = HostKeyChecking.Off);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None));

        Assert.Equal(UnreachableReason.HostKey, error.Reason);
        Assert.Contains("@revoked", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{knownHosts}:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_CheckingOff_ConnectsToAnUnknownHostAndWarns()
    {
        var knownHosts = _temp.Write("known_hosts", string.Empty);
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log, o => o.HostKeyCheckingOverride = HostKeyChecking.Off);

        await using var connection = await connector.ConnectAsync("fs1", WithKnownHosts(knownHosts), CancellationToken.None);

        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
        Assert.Contains(log.Warnings, w => w.Contains("host key checking is OFF", StringComparison.Ordinal));
        Assert.Equal(string.Empty, File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task ConnectAsync_StrictHostKeyCheckingNoInSshArgs_IsOffAndWarns()
    {
        var knownHosts = _temp.Write("known_hosts", string.Empty);
        var variables = _lab.Variables(0);
        variables["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={knownHosts} -o StrictHostKeyChecking=no";
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log);

        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);

        Assert.Contains(log.Warnings, w => w.Contains("host key checking is OFF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_ChangedKeyWithCheckingOff_PasswordIsNeverSent()
    {
        var (_, impostor) = await SshKeys.CreateAsync(_temp.Path, "impostor3", "ed25519");
        var knownHosts = _temp.Write("known_hosts", $"{_lab.Address(0)} {string.Join(' ', impostor.Split(' ')[..2])}\n");
        var variables = WithKnownHosts(knownHosts);
        variables["ansible_user"] = _lab.Lab.PasswordUser;
        variables.Remove("ansible_ssh_private_key_file");
        variables["ansible_password"] = _lab.Lab.SudoPassword.Reveal();
        var passwordLines = CountPasswordAttempts(await _lab.SshdLogAsync(0));
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log, o => o.HostKeyCheckingOverride = HostKeyChecking.Off);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.Authentication, error.Reason);
        Assert.Contains("the password was not sent", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{knownHosts}:1", error.Message, StringComparison.Ordinal);
        Assert.Contains(log.Warnings, w => w.Contains("does not match known_hosts", StringComparison.Ordinal) && w.Contains("password is not sent", StringComparison.Ordinal));
        // The server never saw a password attempt (sshd logs each as "Accepted/Failed password for").
        Assert.Equal(passwordLines, CountPasswordAttempts(await _lab.SshdLogAsync(0)));
    }

    [Fact]
    public async Task ConnectAsync_ChangedKeyWithCheckingOff_KeysAreStillTried()
    {
        var (_, impostor) = await SshKeys.CreateAsync(_temp.Path, "impostor4", "ed25519");
        var knownHosts = _temp.Write("known_hosts", $"{_lab.Address(0)} {string.Join(' ', impostor.Split(' ')[..2])}\n");
        var variables = WithKnownHosts(knownHosts);
        variables["ansible_password"] = "never-sent-anywhere";
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log, o => o.HostKeyCheckingOverride = HostKeyChecking.Off);

        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);

        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
        Assert.Contains(log.Warnings, w => w.Contains("does not match known_hosts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=accept-new", false)]
    [InlineData("", true)]
    public async Task ConnectAsync_AcceptNewIntoDevNull_WarnsThatCheckingIsEffectivelyOff(string sshArgs, bool fromSshConfig)
    {
        var variables = _lab.Variables(0);
        variables["ansible_ssh_common_args"] = sshArgs;
        var config = _temp.Write("ssh_config_devnull", "Host *\n    UserKnownHostsFile /dev/null\n    StrictHostKeyChecking accept-new\n");
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log, o => o.SshConfigPath = fromSshConfig ? config : null);

        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);

        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
        Assert.Single(log.Warnings, w => w.Contains("host key checking is effectively OFF", StringComparison.Ordinal) && w.Contains("/dev/null", StringComparison.Ordinal));
    }

    private Dictionary<string, object?> WithKnownHosts(string knownHosts)
    {
        var variables = _lab.Variables(0);
        variables["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={knownHosts}";
        return variables;
    }

    /// <summary>The fingerprint of the host's real key, as OpenSSH prints it.</summary>
    private async Task<string> RealFingerprintAsync()
    {
        var file = _temp.Write("real.pub", string.Join(' ', _lab.KnownHostsLine(0).Split(' ')[1..3]) + "\n");
        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-lf", file]);
        return result.Stdout.Split(' ')[1];
    }

    private static int CountPasswordAttempts(string log) => log.Split('\n').Count(l => l.Contains(" password for ", StringComparison.Ordinal));

    private static int CountAccepted(string log) => log.Split('\n').Count(l => l.Contains("Accepted ", StringComparison.Ordinal));
}
