using System.Text.Json;
using Orchestrator.Core.Configuration;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Config;

/// <summary>
/// <c>orchestrator config dump --only-changed</c> against the real <c>ansible-config dump --only-changed</c> on the same
/// ansible.cfg or environment: for every setting we implement, the same name, origin and value.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class ConfigDumpAnsibleTests : IDisposable
{
    /// <summary>Every key we implement, set to a value that is not a default (ours or Ansible's), in the file's own words.</summary>
    private const string EveryKey = """
        # an operator's ansible.cfg
        [defaults]
        inventory = inventories/prod.ini, inventories/extra ; two sources
        roles_path = roles:~/shared-roles:../common/roles
        remote_user: deploy
        private_key_file = keys/id_ed25519
        Host_Key_Checking = no
        forks = 12
        timeout = 25
        gathering = smart
        retry_files_enabled = yes
        vault_password_file = ~/.vault-pass
        vault_identity_list = dev@~/.dev-pass , 'prod@prompt'
        nocows = 1

        [privilege_escalation]
        become = True
        become_method = sudo
        become_user = postgres
        become_ask_pass = yes

        [ssh_connection]
        ssh_args = -o ServerAliveInterval=5
          -o ServerAliveCountMax=3
        pipelining = True
        """;

    private readonly TempDirectory _dir = new("orchestrator-cfgdiff-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DumpOnlyChanged_EveryKeyFromTheFile_SameAsAnsible()
    {
        var repo = Directory.CreateDirectory(_dir.Combine("repo")).FullName;
        File.WriteAllText(Path.Combine(repo, "ansible.cfg"), EveryKey);

        await AssertSameAsAnsibleAsync(repo, new Dictionary<string, string>(), expectedChanged: SettingDefinitions.All.Count);
    }

    [Fact]
    public async Task DumpOnlyChanged_EveryKeyFromTheEnvironment_SameAsAnsible()
    {
        var cwd = Directory.CreateDirectory(_dir.Combine("cwd")).FullName;
        var env = new Dictionary<string, string>
        {
            ["ANSIBLE_INVENTORY"] = "a.ini,/srv/inv",
            ["ANSIBLE_ROLES_PATH"] = "roles:/etc/roles",
            ["ANSIBLE_REMOTE_USER"] = "ops",
            ["ANSIBLE_PRIVATE_KEY_FILE"] = "~/.ssh/fleet",
            ["ANSIBLE_HOST_KEY_CHECKING"] = "False",
            ["ANSIBLE_FORKS"] = "7",
            ["ANSIBLE_TIMEOUT"] = "40",
            ["ANSIBLE_GATHERING"] = "implicit",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "1",
            ["ANSIBLE_VAULT_PASSWORD_FILE"] = "vault.txt",
            ["ANSIBLE_VAULT_IDENTITY_LIST"] = "a@x,b@y",
            ["ANSIBLE_BECOME"] = "yes",
            ["ANSIBLE_BECOME_METHOD"] = "sudo",
            ["ANSIBLE_BECOME_USER"] = "app",
            ["ANSIBLE_BECOME_ASK_PASS"] = "on",
            ["ANSIBLE_SSH_ARGS"] = "-o ConnectTimeout=3",
            ["ANSIBLE_PIPELINING"] = "true",
        };

        await AssertSameAsAnsibleAsync(cwd, env, expectedChanged: SettingDefinitions.All.Count);
    }

    [Fact]
    public async Task DumpOnlyChanged_FileAndEnvironment_EnvironmentWinsAsInAnsible()
    {
        var repo = Directory.CreateDirectory(_dir.Combine("repo")).FullName;
        File.WriteAllText(Path.Combine(repo, "ansible.cfg"), "[defaults]\nforks = 12\nremote_user = deploy\ninventory = hosts\n");
        var env = new Dictionary<string, string> { ["ANSIBLE_FORKS"] = "3", ["ANSIBLE_INVENTORY"] = "other" };

        await AssertSameAsAnsibleAsync(repo, env, expectedChanged: 3);
    }

    private async Task AssertSameAsAnsibleAsync(string cwd, Dictionary<string, string> env, int expectedChanged)
    {
        var home = Directory.CreateDirectory(_dir.Combine("home")).FullName;
        env["HOME"] = home;
        var ansibleConfig = Path.Combine(Path.GetDirectoryName(AnsibleTools.Ansible)!, "ansible-config");

        var ours = await CleanEnvironmentProcess.RunAsync(OrchestratorCli.Executable, ["config", "dump", "--only-changed", "-o", "json"], cwd, env);
        var oursText = await CleanEnvironmentProcess.RunAsync(OrchestratorCli.Executable, ["config", "dump", "--only-changed"], cwd, env);
        var theirs = await CleanEnvironmentProcess.RunAsync(ansibleConfig, ["dump", "--only-changed", "-f", "json"], cwd, env);
        var theirsText = await CleanEnvironmentProcess.RunAsync(ansibleConfig, ["dump", "--only-changed"], cwd, env);
        var theirsSsh = await CleanEnvironmentProcess.RunAsync(ansibleConfig, ["dump", "--only-changed", "-t", "connection", "ssh", "-f", "json"], cwd, env);
        foreach (var result in new[] { ours, oursText, theirs, theirsText, theirsSsh })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        var ourSettings = JsonDocument.Parse(ours.Stdout).RootElement.GetProperty("settings").EnumerateArray().ToList();
        var ansibleBase = JsonDocument.Parse(theirs.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        var ansibleSsh = JsonDocument.Parse(theirsSsh.Stdout).RootElement[0].GetProperty("ssh").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

        Assert.Equal(expectedChanged, ourSettings.Count);
        foreach (var setting in ourSettings)
        {
            var name = setting.GetProperty("name").GetString()!;
            var reference = setting.TryGetProperty("plugin", out _) ? ansibleSsh : ansibleBase;
            Assert.True(reference.TryGetValue(name, out var expected), $"{name} is changed for orchestrator, not for ansible-config:\n{ours.Stdout}\n{theirs.Stdout}");
            Assert.Equal(Compact(expected.GetProperty("origin")), Compact(setting.GetProperty("origin")));
            Assert.Equal(Compact(expected.GetProperty("value")), Compact(setting.GetProperty("value")));
        }

        // The text lines of the base settings, and CONFIG_FILE, read the same.
        var ansibleLines = theirsText.Stdout.Split('\n').ToHashSet(StringComparer.Ordinal);
        var baseLines = oursText.Stdout.Split("\n\n")[0].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ourSettings.Count(s => !s.TryGetProperty("plugin", out _)) + 1, baseLines.Length);
        Assert.All(baseLines, line => Assert.Contains(line, ansibleLines));
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
