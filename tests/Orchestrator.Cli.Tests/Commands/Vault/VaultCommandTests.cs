using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Vault;

/// <summary><c>orchestrator vault</c> against the real ansible-vault, both ways, and a run that uses vaulted values.</summary>
[Trait("Requires", "ansible")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class VaultCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-vaultcli-");

    public VaultCommandTests()
    {
        _dir.Write("pw", "cli-password\n");
        _dir.Write("pw2", "other-password\n");
    }

    public void Dispose() => _dir.Dispose();

    private async Task<ProcessResult> Ours(params string[] args)
    {
        var result = await OrchestratorCli.RunAsync(["vault", .. args], _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public async Task Encrypt_KeepsTheMode_AndAnsibleVaultDecrypts_ThenOurDecryptReadsAnsiblesRekey()
    {
        var path = _dir.Write("vars.yml", "esl_password: ClueCon\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await Ours("encrypt", "--vault-id", "prod@pw", "vars.yml");
        Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal("esl_password: ClueCon\n", (await AnsibleVaultTool.RunAsync(_dir.Path, ["view", "--vault-id", "prod@pw", "vars.yml"])).Stdout);

        await AnsibleVaultTool.RunAsync(_dir.Path, ["rekey", "--vault-id", "prod@pw", "--new-vault-password-file", "pw2", "vars.yml"]);
        Assert.Equal("esl_password: ClueCon\n", (await Ours("view", "--vault-password-file", "pw2", "vars.yml")).Stdout);
        await Ours("rekey", "--vault-password-file", "pw2", "--new-vault-password-file", "pw", "vars.yml");
        await AnsibleVaultTool.RunAsync(_dir.Path, ["decrypt", "--vault-password-file", "pw", "vars.yml"]);
        Assert.Equal("esl_password: ClueCon\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task EncryptString_IsReadableByAnsiblePlaybook()
    {
        var value = (await Ours("encrypt_string", "--vault-password-file", "pw", "--name", "api_token", "tok-42")).Stdout;
        Assert.StartsWith("api_token: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n", value, StringComparison.Ordinal);
        _dir.Write("play.yml", "- hosts: localhost\n  gather_facts: false\n  vars:\n" + string.Concat(value.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"))
            + "  tasks:\n    - debug: msg=\"[{{ api_token }}]\"\n");
        var playbook = ProcessRunner.Which("ansible-playbook") ?? throw new InvalidOperationException("ansible-playbook is missing: scripts/install-deps.sh");
        var result = await AnsibleVaultTool.RunToolAsync(playbook, _dir.Path, ["-i", "localhost,", "-c", "local", "--vault-password-file", "pw", "play.yml"]);
        Assert.Contains("[tok-42]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncryptWithTwoIds_NeedsEncryptVaultId_AsAnsibleVault()
    {
        _dir.Write("f.txt", "x\n");
        var result = await OrchestratorCli.RunAsync(["vault", "encrypt", "--vault-id", "a@pw", "--vault-id", "b@pw2", "f.txt"], _dir.Path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The vault-ids a,b are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("x\n", File.ReadAllText(_dir.Combine("f.txt")));
    }

    [Fact]
    public async Task Run_UsesEncryptedVarsFilesAndInlineValues_AndPrintsNeitherInAnyOutputMode()
    {
        _dir.Write("vars.yml", "db_password: Vaulted-Db-Pw\n");
        await Ours("encrypt", "--vault-password-file", "pw", "vars.yml");
        var inline = (await Ours("encrypt_string", "--vault-password-file", "pw", "--name", "esl", "Inline-Esl-Pw")).Stdout;
        var output = _dir.Combine("out.txt");
        _dir.Write("play.yml", "- hosts: localhost\n  gather_facts: false\n  vars_files: [vars.yml]\n  vars:\n"
            + string.Concat(inline.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"))
            + $"  tasks:\n    - copy:\n        content: \"{{{{ esl }}}}/{{{{ db_password }}}}\\n\"\n        dest: {output}\n    - debug: msg=\"{{{{ esl }}}}\"\n");
        foreach (var mode in new[] { "text", "json" })
        {
            File.Delete(output);
            var result = await OrchestratorCli.RunAsync(["run", "play.yml", "-i", "localhost,", "-e", "ansible_connection=local", "--vault-password-file", "pw", "--diff", "-o", mode], _dir.Path);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("Inline-Esl-Pw/Vaulted-Db-Pw\n", File.ReadAllText(output));
            var sinks = new Dictionary<string, string> { [$"{mode} stdout"] = result.Stdout, [$"{mode} stderr"] = result.Stderr };
            Assert.Empty(SecretLeaks.Find(sinks, "Inline-Esl-Pw").Concat(SecretLeaks.Find(sinks, "Vaulted-Db-Pw")));
            Assert.Contains("[REDACTED]", result.Stdout, StringComparison.Ordinal);
        }

        var without = await OrchestratorCli.RunAsync(["run", "play.yml", "-i", "localhost,", "-e", "ansible_connection=local"], _dir.Path);
        Assert.NotEqual(0, without.ExitCode);
        Assert.Contains("Attempting to decrypt but no vault secrets found", without.Stderr, StringComparison.Ordinal);
    }
}
