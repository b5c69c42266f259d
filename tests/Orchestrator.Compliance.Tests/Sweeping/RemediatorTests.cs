using System.Text;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Sweeping;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Compliance.Tests.Sweeping;

/// <summary><c>--remediate</c> runs its playbooks as <c>orchestrator run</c> would: with roles_path and the run's vault.</summary>
public sealed class RemediatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Remediate_PlaybookUsesARoleFromRolesPathWithAVaultedVar_RoleRunsWithTheDecryptedValue()
    {
        var secret = new VaultSecret(VaultSecret.DefaultLabel, Encoding.UTF8.GetBytes("remediation-vault-pw"));
        var token = "remediation-token-" + Guid.NewGuid().ToString("N");
        var vaulted = VaultDecryptor.Encrypt(Encoding.UTF8.GetBytes(token), secret);
        var sharedRoles = _dir.Combine("shared-roles");
        _dir.Write("shared-roles/fixer/tasks/main.yml", """
            - name: write the token
              copy:
                dest: "{{ playbook_dir }}/fixed.txt"
                content: "{{ fixer_token }}"
            """);
        _dir.Write("shared-roles/fixer/vars/main.yml", "fixer_token: !vault |\n" + string.Concat(vaulted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"  {l}\n")));
        _dir.Write("remediation/fix.yml", "- hosts: all\n  gather_facts: false\n  roles:\n    - fixer\n");
        var policy = _dir.Write("policy.yml", """
            policy: remediation
            controls:
              - id: A
                title: capture ports clear of the RTP range
                impact: 0.5
                remediation: { text: fix it, playbook: remediation/fix.yml }
                check: { type: capture_ports_clear }
            """);
        var facts = new FactsBuilder();
        facts.CapturePorts.Add(20050);
        var redactor = new SecretRedactor();
        var log = new StringWriter();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        using var sweep = new ComplianceSweep(new ComplianceSweepOptions
        {
            PolicyPath = policy,
            Inventory = [_dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n")],
            Reports = [new ReportSpec(ReportFormat.Json, _dir.Combine("report.json"))],
            DatabasePath = _dir.Combine("history.db"),
            Remediate = true,
            RolesPath = [sharedRoles],
            Connector = connector,
            Redactor = redactor,
            Vault = new VaultDecryptor([secret], redactor),
            Log = log,
            Gatherer = new FixedGatherer(facts.Build()),
        });

        await sweep.RunOnceAsync(CancellationToken.None);

        Assert.Contains("remediate: fix.yml for A on fs1", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("fix.yml exited 0", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(token, await File.ReadAllTextAsync(_dir.Combine("remediation/fixed.txt")));
        Assert.DoesNotContain(token, log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, await File.ReadAllTextAsync(_dir.Combine("report.json")), StringComparison.Ordinal);
    }
}
