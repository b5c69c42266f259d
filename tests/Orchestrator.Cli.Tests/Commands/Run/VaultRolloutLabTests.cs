using System.Text;
using Microsoft.Data.Sqlite;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Run;

public sealed class VaultRepositoryLab() : CliLab("vault", 3, o => o.Scenario = "collide");

/// <summary>
/// Issue #14's lab test: the shipped repository's capture rollout on a 3-host collide lab whose FreeSWITCH event sockets take
/// a fresh password that lives only in an inventory <c>group_vars/freeswitch/vault.yml</c> encrypted by the real
/// <c>ansible-vault</c> (with a second value whose name does not say secret). ansible.cfg names the inventory and the vault
/// password file: no command has <c>-i</c> or a vault option. A vault holding a wrong password fails the ESL logins of
/// gather_facts and of the modules although event_socket.conf holds the right one, so both use the vault's value; with the
/// right one the rollout works. Then a playbook prints the values every way it can. Neither password, the other value, nor the vault password appears in any
/// output: <c>--check --diff -vvv</c>, <c>-o json --diff</c> on the real change, the sweep's console, JSON, JUnit and HTML
/// reports, its SQLite history (every cell; the raw bytes of the database, WAL and shm) and <c>sweep history --json</c>, nor
/// in any file left in the repository (the vault file is ciphertext only).
/// </summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class VaultRolloutLabTests(VaultRepositoryLab fixture) : IClassFixture<VaultRepositoryLab>, IDisposable
{
    private const string Role = "freeswitch_capture : ";
    private const string EventSocket = "/etc/freeswitch/autoload_configs/event_socket.conf.xml";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly TempDirectory _repo = new("orch-vault-");
    private readonly TempDirectory _ansibleHome = new("orch-vault-ansible-");
    private readonly string _password = "Esl-" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _wrongPassword = "Esl-" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _vaultedNote = "Note-" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _vaultPassword = "Vault-" + Guid.NewGuid().ToString("N")[..20];
    private readonly Dictionary<string, string> _outputs = new(StringComparer.Ordinal);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _repo.Dispose();
        _ansibleHome.Dispose();
    }

    [Fact]
    public async Task SiteYml_EslPasswordOnlyInAnEncryptedGroupVarsFile_RollsOutAndNoOutputHoldsThePassword()
    {
        await Task.WhenAll(fixture.Lab.Hosts.Select(h => UseEslPasswordAsync(h.Name)));
        var vaultPasswordFile = _repo.Write("vault-password", _vaultPassword + "\n");
        File.SetUnixFileMode(vaultPasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _repo.Write("inventory/hosts.yml", await File.ReadAllTextAsync(fixture.Lab.InventoryPath));
        await ShippedRepository.CopyAsync(_repo, _repo.Combine("inventory"), $"vault_password_file = {vaultPasswordFile}");

        // A vault holding a wrong password: the event socket refuses the ESL login of gather_facts and of the role's
        // modules, although event_socket.conf on the host holds the right one. So both use the vault's value.
        await EncryptGroupVarsAsync(_wrongPassword);
        _repo.Write("refused.yml", """
            - name: Facts and placement with the vault's ESL password
              hosts: freeswitch
              gather_facts: true
              become: true
              tasks:
                - name: What gather_facts could not read
                  debug: { msg: "{{ ansible_facts.freeswitch.unreadable }}" }
                - import_role: { name: freeswitch_capture, tasks_from: verify }
            """);
        var refused = await RunAsync("refused", "run", "refused.yml", "-o", "json");
        var refusals = ShippedRepository.TaskResults(refused.Stdout).Where(r => (string)r["module"]! is "freeswitch_facts" or "debug").ToList();
        Assert.Equal(2 * fixture.Lab.Hosts.Count, refusals.Count);
        Assert.All(refusals, f => Assert.Contains("[Authentication Error]", (string)f["message"]!, StringComparison.Ordinal));

        await EncryptGroupVarsAsync(_password);
        var check = await RunAsync("check", "run", "site.yml", "--check", "--diff", "-vvv");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("rtp-port-usage-robustness", check.Stdout, StringComparison.Ordinal);

        var rollout = await RunAsync("rollout", "run", "site.yml", "-o", "json", "--diff");
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        var results = ShippedRepository.TaskResults(rollout.Stdout);
        foreach (var host in fixture.Lab.Hosts.Select(h => h.Name))
        {
            var mine = results.Where(r => (string)r["host"]! == host).ToList();
            var changed = mine.Where(r => (string)r["status"]! == "changed").Select(r => (string)r["task"]!).ToList();
            Assert.Contains(Role + "Remedy 1 (reserve): move the capture sockets that sit in the range (capture off/on)", changed);
            Assert.Contains(Role + "Remedy 2 (robustness): rtp-port-usage-robustness=true, only that param (xml mode)", changed);
            Assert.Contains(Role + "Remedy 2 (robustness): drained restart, only when switch.conf changed after FreeSWITCH started", changed);
            var verify = mine.Single(r => (string)r["task"]! == Role + "Verify placement (capture ports clear, host protected)");
            Assert.Equal("ok", (string)verify["status"]!);
            Assert.Equal("protected", (string)verify["result"]!["verdict"]!);
        }

        Assert.Contains("rtp-port-usage-robustness", rollout.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Authentication Error", check.Stdout + rollout.Stdout, StringComparison.Ordinal);

        await ProbeAsync();
        var json = await SweepAsync();

        var sinks = new Dictionary<string, string>(_outputs, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_repo.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None }))
        {
            sinks["file " + Path.GetRelativePath(_repo.Path, file)] = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        }

        sinks["report.html decoded"] = System.Net.WebUtility.HtmlDecode(sinks["file reports/report.html"]);
        var cells = SqliteText.Cells(_repo.Combine("state/history.db"));
        Assert.Contains(cells, c => c.Contains(fixture.Lab.Hosts[0].Name, StringComparison.Ordinal));
        sinks["history rows"] = string.Join('\n', cells);
        var leaks = new[] { _password, _wrongPassword, _vaultedNote }.SelectMany(p => SecretLeaks.Find(sinks, p))
            .Concat(SecretLeaks.Find(sinks.Where(s => s.Key != "file vault-password").ToDictionary(), _vaultPassword))
            .ToList();
        Assert.True(leaks.Count == 0, "leaked: " + string.Join("; ", leaks));

        // The sweep's controls saw the password (in its place), and the vault file on disk is ciphertext only.
        Assert.Contains("[REDACTED]", json, StringComparison.Ordinal);
        Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", sinks["file inventory/group_vars/freeswitch/vault.yml"], StringComparison.Ordinal);
    }

    /// <summary>What a careless operator writes: the vault's values printed, base64-encoded, written to a file (--diff) and read back.</summary>
    private async Task ProbeAsync()
    {
        _repo.Write("esl-probe.yml", """
            - name: Print the vault's values
              hosts: freeswitch
              gather_facts: false
              become: true
              tasks:
                - name: The event socket takes the vault's password
                  fs_cli: status
                  changed_when: false
                - debug: { var: freeswitch_esl_password }
                - debug: { msg: "esl {{ freeswitch_esl_password }} b64 {{ freeswitch_esl_password | b64encode }} note {{ freeswitch_vaulted_note }}" }
                - copy: { content: "{{ freeswitch_esl_password }} {{ freeswitch_vaulted_note }}\n", dest: /etc/freeswitch/esl-probe.txt, mode: "0600" }
                - command: cat /etc/freeswitch/esl-probe.txt
                  changed_when: false
            """);
        var probeCheck = await RunAsync("probe --check", "run", "esl-probe.yml", "--check", "--diff", "-vvv");
        Assert.True(probeCheck.ExitCode == 0, probeCheck.ToString());
        var probe = await RunAsync("probe", "run", "esl-probe.yml", "-o", "json", "--diff");
        Assert.True(probe.ExitCode == 0, probe.ToString());
        var probed = ShippedRepository.TaskResults(probe.Stdout);
        var logins = probed.Where(r => (string)r["module"]! == "fs_cli").ToList();
        Assert.Equal(fixture.Lab.Hosts.Count, logins.Count);
        Assert.All(logins, r => Assert.Contains("UP ", (string)r["result"]!["stdout"]!, StringComparison.Ordinal));
        Assert.Equal(fixture.Lab.Hosts.Count, probed.Count(r => (string)r["module"]! == "copy" && (string)r["status"]! == "changed"));
        Assert.Contains("[REDACTED]", probeCheck.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// The host's event socket takes <see cref="_password"/> (event_socket.conf, then a restart); the lab's systemctl and
    /// fs_cli find it in /etc/fs_cli.conf (the rollout's drained restart waits with a plain fs_cli). The restart moved the
    /// capture sockets, so they are put back on an RTP port, as the collide scenario starts.
    /// </summary>
    private async Task UseEslPasswordAsync(string host)
    {
        await fixture.InHostAsync(host, $"sed -i 's|<param name=\"password\" value=\"ClueCon\"/>|<param name=\"password\" value=\"{_password}\"/>|' {EventSocket} && grep -q '{_password}' {EventSocket}");
        await fixture.InHostAsync(host, "umask 077; cat > /etc/fs_cli.conf && systemctl restart freeswitch", $"[default]\npassword => {_password}\n");
        await fixture.Lab.ForceCaptureCollisionAsync(host, CancellationToken.None);
    }

    /// <summary>
    /// group_vars/freeswitch/vault.yml encrypted by the real ansible-vault from stdin: its plaintext is never on disk; the
    /// plain main.yml beside it sets freeswitch_esl_password to "{{ vault_esl_password }}". ansible-vault runs
    /// elsewhere: in the repository it would read its ansible.cfg and see the password file twice.
    /// </summary>
    private async Task EncryptGroupVarsAsync(string eslPassword)
    {
        var vault = _repo.Combine("inventory/group_vars/freeswitch/vault.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(vault)!);
        File.Delete(vault);
        await AnsibleVaultTool.RunAsync(_ansibleHome.Path, ["encrypt", "--vault-password-file", _repo.Combine("vault-password"), "--output", vault, "-"], $"vault_esl_password: {eslPassword}\nfreeswitch_vaulted_note: {_vaultedNote}\n");

        // The usual Ansible layout: the plain vars file names the vaulted one, so gather_facts must render the template.
        _repo.Write("inventory/group_vars/freeswitch/main.yml", "freeswitch_esl_password: \"{{ vault_esl_password }}\"\n");
    }

    /// <summary>
    /// The shipped policy plus two controls on the event socket's password (its value, and a command that prints it plain,
    /// base64 and hex), swept with every report and the history, then <c>sweep history --json</c>; the JSON report's text.
    /// </summary>
    private async Task<string> SweepAsync()
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "policies/freeswitch-capture.yml"));
        Assert.Contains("\nwaivers: []", shipped, StringComparison.Ordinal);
        _repo.Write("policies/freeswitch-capture.yml", shipped.Replace("\nwaivers: []", $$"""

              - id: ESL-01
                title: the event socket password is a long one
                impact: 1.0
                check: { type: config_param, configuration: event_socket.conf, param: password, matches: '^.{16,}$' }

              - id: ESL-02
                title: the event socket password is set in event_socket.conf
                impact: 0.5
                check:
                  type: command_output
                  command: >-
                    f={{EventSocket}}; cat $f;
                    p=$(sed -n 's/.*name="password" value="\([^"]*\)".*/\1/p' $f);
                    printf '%s' "$p" | base64; printf '%s' "$p" | od -An -tx1 | tr -d ' \n'
                  matches: 'name="password"'

            waivers: []
            """, StringComparison.Ordinal));
        Directory.CreateDirectory(_repo.Combine("reports"));
        var sweep = await RunAsync(
            "sweep", "sweep", "--policy", "policies/freeswitch-capture.yml", "--become", "-v", "--db", "state/history.db",
            "--report", "cli", "--report", "json:reports/report.json", "--report", "junit:reports/report.xml", "--report", "html:reports/report.html");
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        var history = await RunAsync("history", "sweep", "history", "--db", "state/history.db", "--json");
        Assert.True(history.ExitCode == 0, history.ToString());
        return await File.ReadAllTextAsync(_repo.Combine("reports/report.json"));
    }

    private async Task<ProcessResult> RunAsync(string name, params string[] args)
    {
        var result = await OrchestratorCli.RunAsync(args, _repo.Path, new Dictionary<string, string> { ["COLUMNS"] = "200" }, Timeout);
        _outputs[name] = result.Stdout + "\n" + result.Stderr;
        return result;
    }
}
