using System.Diagnostics;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Exec;

public sealed class SecretsLab() : CliLab("secret", 2);

/// <summary>
/// Passwords and passphrases never reach argv, logs or output: every line the CLI prints (stdout, stderr
/// with -v) and every process argument on the machine while it runs are captured and searched.
/// </summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class SecretsTests : IClassFixture<SecretsLab>, IDisposable
{
    private const string WrongBecomePassword = "wrong-become-secret-7f3a";
    private const string WrongSshPassword = "wrong-ssh-secret-91bc";
    private const string Passphrase = "key-passphrase-secret-c0de";
    private readonly SecretsLab _lab;
    private readonly TempDirectory _temp = new();

    public SecretsTests(SecretsLab lab) => _lab = lab;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Exec_WithPasswordsAndPassphrase_NoSecretInOutputLogsOrArgv()
    {
        var password = _lab.Lab.SudoPassword.Reveal();
        var (encryptedKey, publicLine) = await SshKeys.CreateAsync(_temp.Path, "id_encrypted", "ed25519", Passphrase);
        await _lab.InHostAsync(1, $"cat >> /etc/ssh/lab_authorized_keys/{_lab.Lab.PasswordUser}", publicLine + "\n");
        // The remote command prints the password: the CLI must redact it, not just avoid leaking it itself.
        await _lab.InHostAsync(0, $"printf '%s\\n' '{password}' > /tmp/leak && chmod 0644 /tmp/leak");
        await _lab.InHostAsync(1, $"printf '%s\\n' '{password}' > /tmp/leak && chmod 0644 /tmp/leak");
        var inventory = _temp.Write("inventory.yml", $"""
            all:
              vars:
                ansible_user: {_lab.Lab.PasswordUser}
                ansible_ssh_common_args: -o UserKnownHostsFile={_lab.Lab.KnownHostsPath}
              hosts:
                good:
                  ansible_host: {_lab.Address(0)}
                  ansible_password: "{password}"
                  ansible_become_password: "{password}"
                by-key:
                  ansible_host: {_lab.Address(1)}
                  ansible_ssh_private_key_file: {encryptedKey}
                  ansible_become_password: "{password}"
                bad-become:
                  ansible_host: {_lab.Address(0)}
                  ansible_password: "{password}"
                  ansible_become_password: "{WrongBecomePassword}"
                bad-login:
                  ansible_host: {_lab.Address(1)}
                  ansible_password: "{WrongSshPassword}"
            """);

        var (result, argv) = await RunWatchingArgvAsync(["exec", "-i", inventory, "-v", "-b", "-f", "4", "--", "cat /tmp/leak; id -un; sleep 2"]);

        var everything = result.Stdout + result.Stderr;
        foreach (var secret in new[] { password, WrongBecomePassword, WrongSshPassword, Passphrase })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, argv, StringComparison.Ordinal);
        }

        // The run itself did what it should: two hosts worked (one by password, one by encrypted key), two did not.
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("good | CHANGED | rc=0 >>\n[REDACTED]\nroot", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("by-key | CHANGED | rc=0 >>\n[REDACTED]\nroot", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bad-become | FAILED | rc=1 >>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("sudo rejected the become password", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bad-login | UNREACHABLE! =>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("sleep 2", argv, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI and samples every process's arguments on the machine while it runs.</summary>
    private async Task<(ProcessResult Result, string Argv)> RunWatchingArgvAsync(string[] args)
    {
        var info = OrchestratorCli.StartInfo(args, new Dictionary<string, string> { ["HOME"] = _lab.Home, ["ORCHESTRATOR_SSH_PASSPHRASE"] = Passphrase });
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var argv = new System.Text.StringBuilder();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!process.HasExited && !deadline.IsCancellationRequested)
        {
            argv.AppendLine((await ProcessRunner.RunAsync("ps", ["-eo", "args"])).Stdout);
            await Task.Delay(200);
        }

        await process.WaitForExitAsync(deadline.Token);
        return (new ProcessResult(process.ExitCode, await stdout, await stderr), argv.ToString());
    }
}
