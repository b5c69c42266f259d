using Orchestrator.Core.Transport;
using Orchestrator.Testing;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Lab;

public sealed class AuthenticationLab() : TransportLab("auth", 1);

/// <summary>Each way of logging in, against the lab's real sshd.</summary>
[Trait("Category", "Lab")]
public sealed class SshAuthenticationTests : IClassFixture<AuthenticationLab>, IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly AuthenticationLab _lab;
    private readonly TempDirectory _temp = new();

    public SshAuthenticationTests(AuthenticationLab lab) => _lab = lab;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ConnectAsync_Ed25519Key_RunsCommandsAsTheLoginUser()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var result = await connection.RunAsync(new RemoteCommand("id -un; echo $0"), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(_lab.Lab.LoginUser + "\n/bin/sh\n", result.Stdout);
    }

    [Theory]
    [InlineData("ecdsa", false)]
    [InlineData("rsa", false)]
    [InlineData("rsa", true)]
    [InlineData("ed25519", false)]
    public async Task ConnectAsync_KeyOfType_Authenticates(string type, bool pem)
    {
        var (privatePath, publicLine) = await SshKeys.CreateAsync(_temp.Path, $"id_{type}{(pem ? "_pem" : string.Empty)}", type, pem: pem);
        await AuthorizeAsync(publicLine);
        var variables = _lab.Variables(0);
        variables["ansible_ssh_private_key_file"] = privatePath;
        using var connector = _lab.Connector();

        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);
        var result = await connection.RunAsync(new RemoteCommand("id -un"), CancellationToken.None);

        Assert.Equal(_lab.Lab.LoginUser, result.Stdout.Trim());
        // The key really was the one that logged in (sshd logs its fingerprint).
        var fingerprint = (await ProcessRunner.RunAsync("ssh-keygen", ["-lf", privatePath + ".pub"])).Stdout.Split(' ')[1];
        Assert.Contains($"Accepted publickey for {_lab.Lab.LoginUser}", await _lab.SshdLogAsync(0));
        Assert.Contains(fingerprint, await _lab.SshdLogAsync(0));
    }

    [Fact]
    public async Task ConnectAsync_EncryptedKeyWithPassphraseFromEnvironment_Authenticates()
    {
        var (privatePath, publicLine) = await SshKeys.CreateAsync(_temp.Path, "id_encrypted", "ed25519", Passphrase);
        await AuthorizeAsync(publicLine);
        var variables = _lab.Variables(0);
        variables["ansible_ssh_private_key_file"] = privatePath;
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log);

        Environment.SetEnvironmentVariable(EnvironmentPassphraseProvider.VariableName, Passphrase);
        try
        {
            await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);
            var result = await connection.RunAsync(new RemoteCommand("id -un"), CancellationToken.None);
            Assert.Equal(_lab.Lab.LoginUser, result.Stdout.Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable(EnvironmentPassphraseProvider.VariableName, null);
        }

        Assert.DoesNotContain(Passphrase, log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_EncryptedKeyWithoutPassphrase_UnreachableWithAHintAndNoRetry()
    {
        var (privatePath, publicLine) = await SshKeys.CreateAsync(_temp.Path, "id_locked", "ed25519", Passphrase);
        await AuthorizeAsync(publicLine);
        var variables = _lab.Variables(0);
        variables["ansible_ssh_private_key_file"] = privatePath;
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.Authentication, error.Reason);
        Assert.Contains(log.Warnings, w => w.Contains(privatePath, StringComparison.Ordinal) && w.Contains(EnvironmentPassphraseProvider.VariableName, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("connect attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_EncryptedKeyWithWrongPassphrase_FailsWithoutRevealingThePassphrase()
    {
        var (privatePath, publicLine) = await SshKeys.CreateAsync(_temp.Path, "id_wrongpass", "ed25519", Passphrase);
        await AuthorizeAsync(publicLine);
        var variables = _lab.Variables(0);
        variables["ansible_ssh_private_key_file"] = privatePath;
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log);
        const string wrong = "not-the-passphrase-42";

        Environment.SetEnvironmentVariable(EnvironmentPassphraseProvider.VariableName, wrong);
        HostUnreachableException error;
        try
        {
            error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));
        }
        finally
        {
            Environment.SetEnvironmentVariable(EnvironmentPassphraseProvider.VariableName, null);
        }

        Assert.Equal(UnreachableReason.Authentication, error.Reason);
        Assert.Contains($"cannot decrypt identity file {privatePath}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_Password_LogsInWithoutAnyKey()
    {
        var variables = _lab.Variables(0, user: _lab.Lab.PasswordUser);
        variables.Remove("ansible_ssh_private_key_file");
        variables["ansible_password"] = _lab.Lab.SudoPassword.Reveal();
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log);

        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);
        var result = await connection.RunAsync(new RemoteCommand("id -un"), CancellationToken.None);

        Assert.Equal(_lab.Lab.PasswordUser, result.Stdout.Trim());
        Assert.Contains($"Accepted password for {_lab.Lab.PasswordUser}", await _lab.SshdLogAsync(0));
        Assert.DoesNotContain(_lab.Lab.SudoPassword.Reveal(), log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_UnreachableAuthenticationWithoutRetries()
    {
        var variables = _lab.Variables(0, user: _lab.Lab.PasswordUser);
        variables.Remove("ansible_ssh_private_key_file");
        const string wrong = "wrong-password-for-the-lab";
        variables["ansible_password"] = wrong;
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.Authentication, error.Reason);
        Assert.Contains($"authentication to fs1 as {_lab.Lab.PasswordUser} failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("connect attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_KeyNotAuthorized_UnreachableAuthentication()
    {
        var (privatePath, _) = await SshKeys.CreateAsync(_temp.Path, "id_stranger", "ed25519");
        var variables = _lab.Variables(0);
        variables["ansible_ssh_private_key_file"] = privatePath;
        using var connector = _lab.Connector();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.Authentication, error.Reason);
        Assert.Contains("publickey", error.Message, StringComparison.Ordinal);
    }

    private Task AuthorizeAsync(string publicLine) =>
        _lab.InHostAsync(0, $"cat >> /etc/ssh/lab_authorized_keys/{_lab.Lab.LoginUser}", publicLine + "\n");
}
