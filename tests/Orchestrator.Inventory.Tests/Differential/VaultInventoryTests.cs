using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>
/// `orchestrator inventory` against the real `ansible-inventory` on inventories with Ansible Vault data: an encrypted
/// group_vars file (printed decrypted), inline `!vault` values (printed as {"__ansible_vault": ciphertext}), an
/// encrypted host_vars file under another vault id, and the errors without (or with the wrong) password.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class VaultInventoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-vaultinv-");

    public VaultInventoryTests()
    {
        _dir.Write("pw1", "first-password\n");
        _dir.Write("pw2", "second-password\n");
        _dir.Write("wrong", "not-the-password\n");
    }

    public void Dispose() => _dir.Dispose();

    private async Task BuildInventory()
    {
        var inline = await AnsibleVaultTool.RunAsync(_dir.Path, ["encrypt_string", "--vault-password-file", "pw1", "--name", "api_token", "tok-123"]);
        // "api_token: !vault |" then the envelope lines, re-indented under the host.
        var inlineLines = inline.Stdout.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList();
        var inlineYaml = "      " + inlineLines[0] + "\n" + string.Concat(inlineLines.Skip(1).Select(l => "        " + l + "\n"));
        _dir.Write("inv/hosts.yml", "freeswitch:\n  hosts:\n    fs1:\n      ansible_host: 10.0.0.1\n    fs2:\n" + inlineYaml + "  vars:\n    plain: yes\n");
        _dir.Write("inv/group_vars/freeswitch/vault.yml", "esl_password: ClueCon-vaulted\nnested:\n  list: [1, two, 3.5]\n");
        _dir.Write("inv/group_vars/freeswitch/plain.yml", "http_port: 8080\n");
        _dir.Write("inv/host_vars/fs1.yml", "sudo_password: hostvault\n");
        await AnsibleVaultTool.RunAsync(_dir.Path, ["encrypt", "--vault-password-file", "pw1", "inv/group_vars/freeswitch/vault.yml"]);
        await AnsibleVaultTool.RunAsync(_dir.Path, ["encrypt", "--vault-id", "prod@pw2", "inv/host_vars/fs1.yml"]);
    }

    private async Task<(ProcessResult Ours, ProcessResult Theirs)> Both(params string[] arguments)
    {
        var theirs = await AnsibleVaultTool.RunToolAsync(AnsibleTools.AnsibleInventory, _dir.Path, ["-i", "inv/hosts.yml", .. arguments], allowFailure: true);
        var ours = await OrchestratorCli.RunAsync(["inventory", "-i", "inv/hosts.yml", .. arguments], _dir.Path);
        return (ours, theirs);
    }

    [Theory]
    [InlineData("--list")]
    [InlineData("--host", "fs1")]
    [InlineData("--host", "fs2")]
    public async Task WithThePasswords_OutputIsAnsibles(params string[] action)
    {
        await BuildInventory();
        var (ours, theirs) = await Both([.. action, "--vault-password-file", "pw1", "--vault-id", "prod@pw2"]);
        Assert.Equal(0, theirs.ExitCode);
        Assert.Contains(action[0] == "--host" && action[1] == "fs2" ? "__ansible_vault" : "ClueCon-vaulted", theirs.Stdout, StringComparison.Ordinal);
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Equal(theirs.Stdout, ours.Stdout);
    }

    [Fact]
    public async Task WithoutAPassword_BothSayNoVaultSecretsFound()
    {
        await BuildInventory();
        var (ours, theirs) = await Both("--list");
        const string message = "Attempting to decrypt but no vault secrets found";
        Assert.NotEqual(0, theirs.ExitCode);
        Assert.Contains(message, theirs.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Contains(message, ours.Stderr, StringComparison.Ordinal);
        Assert.Contains("group_vars/freeswitch/vault.yml", ours.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ours.Stdout);
    }

    [Fact]
    public async Task WithTheWrongPassword_BothSayDecryptionFailedOnTheFile()
    {
        await BuildInventory();
        var (ours, theirs) = await Both("--list", "--vault-password-file", "wrong");
        const string message = "Decryption failed (no vault secrets were found that could decrypt) on ";
        Assert.Contains(message, theirs.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Contains(message + "inv/group_vars/freeswitch/vault.yml", ours.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", ours.Stderr + ours.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyInlineValues_ListWithoutAnyPassword_AsAnsibleDoes()
    {
        await BuildInventory();
        File.Delete(_dir.Combine("inv/group_vars/freeswitch/vault.yml"));
        File.Delete(_dir.Combine("inv/host_vars/fs1.yml"));
        var (ours, theirs) = await Both("--list");
        Assert.Equal(0, theirs.ExitCode);
        Assert.Contains("__ansible_vault", theirs.Stdout, StringComparison.Ordinal);
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Equal(theirs.Stdout, ours.Stdout);
    }
}
