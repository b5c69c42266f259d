using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Vault;

/// <summary>
/// vault_password_file and vault_identity_list from ansible.cfg (or ANSIBLE_VAULT_PASSWORD_FILE over it) reach every
/// command with no vault option, as they reach ansible-playbook; the same directory is run by both.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class ConfiguredVaultTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-vaultcfg-");

    public ConfiguredVaultTests()
    {
        _dir.Write("secrets/pw", "config-password\n");
        _dir.Write("secrets/pw2", "prod-password\n");
        _dir.Write("secrets/wrong", "not-it\n");
        _dir.Write("play.yml", "- hosts: localhost\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks:\n    - debug: msg=\"len={{ db_password | length }}\"\n");
    }

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, string> Environment(string? passwordFile = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _dir.Path,
            ["LANG"] = "C.UTF-8",
            ["ANSIBLE_CONFIG"] = _dir.Combine("ansible.cfg"),
            ["ANSIBLE_LOCAL_TEMP"] = _dir.Combine(".ansible-tmp"),
            ["ANSIBLE_NOCOLOR"] = "1",
        };
        if (passwordFile is not null)
        {
            environment["ANSIBLE_VAULT_PASSWORD_FILE"] = _dir.Combine(passwordFile);
        }

        return environment;
    }

    /// <summary>vars.yml encrypted by ansible-vault, then ansible.cfg written (ansible-vault would read it too).</summary>
    private async Task EncryptVarsThenConfigureAsync(string[] vaultOptions, string config)
    {
        _dir.Write("vars.yml", "db_password: Cfg-Db-Pw\n");
        await AnsibleVaultTool.RunAsync(_dir.Path, ["encrypt", .. vaultOptions, "vars.yml"]);
        _dir.Write("ansible.cfg", config);
    }

    private async Task<(ProcessResult Ours, ProcessResult Theirs)> RunBoth(Dictionary<string, string> environment)
    {
        var playbook = ProcessRunner.Which("ansible-playbook") ?? throw new InvalidOperationException("ansible-playbook is missing: scripts/install-deps.sh");
        var theirs = await CleanEnvironmentProcess.RunAsync(playbook, ["-i", "localhost,", "-c", "local", "play.yml"], _dir.Path, environment);
        var ours = await CleanEnvironmentProcess.RunAsync(OrchestratorCli.Executable, ["run", "play.yml", "-i", "localhost,", "-e", "ansible_connection=local"], _dir.Path, environment);
        return (ours, theirs);
    }

    [Fact]
    public async Task PasswordFileNamedOnlyInAnsibleCfg_DecryptsVarsFiles_ForRunAndVaultView()
    {
        await EncryptVarsThenConfigureAsync(["--vault-password-file", "secrets/pw"], "[defaults]\nvault_password_file = secrets/pw\n");

        var (ours, theirs) = await RunBoth(Environment());
        Assert.True(theirs.ExitCode == 0, theirs.ToString());
        Assert.Contains("len=9", theirs.Stdout, StringComparison.Ordinal);
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Contains("len=9", ours.Stdout, StringComparison.Ordinal);

        var view = await CleanEnvironmentProcess.RunAsync(OrchestratorCli.Executable, ["vault", "view", "vars.yml"], _dir.Path, Environment());
        Assert.True(view.ExitCode == 0, view.ToString());
        Assert.Equal("db_password: Cfg-Db-Pw\n", view.Stdout);
    }

    [Fact]
    public async Task EnvironmentPasswordFile_WinsOverAnsibleCfg_AsAnsible()
    {
        await EncryptVarsThenConfigureAsync(["--vault-password-file", "secrets/pw"], "[defaults]\nvault_password_file = secrets/wrong\n");

        var (oursWrong, theirsWrong) = await RunBoth(Environment());
        Assert.NotEqual(0, theirsWrong.ExitCode);
        Assert.NotEqual(0, oursWrong.ExitCode);
        Assert.Contains("Decryption failed", oursWrong.Stderr, StringComparison.Ordinal);

        var (ours, theirs) = await RunBoth(Environment("secrets/pw"));
        Assert.True(theirs.ExitCode == 0, theirs.ToString());
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Contains("len=9", ours.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityListInAnsibleCfg_DecryptsALabelledFile()
    {
        await EncryptVarsThenConfigureAsync(["--vault-id", "prod@secrets/pw2"], "[defaults]\nvault_identity_list = dev@secrets/wrong, prod@secrets/pw2\n");

        var (ours, theirs) = await RunBoth(Environment());
        Assert.True(theirs.ExitCode == 0, theirs.ToString());
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Contains("len=9", ours.Stdout, StringComparison.Ordinal);
    }
}
