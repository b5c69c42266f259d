using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Modules;

/// <summary>
/// A FreeSWITCH module that reads a host's configuration teaches the run's redactor the credentials in it, as the
/// sweep does: a later task that prints them shows them redacted.
/// </summary>
public sealed class ModuleSecretsTests
{
    private const string Password = "Dir-Pw-31337";

    [Fact]
    public async Task FactsRead_ThenACommandPrintsTheDirectoryPassword_RunOutputIsRedacted()
    {
        using var tree = ConfTrees.CopyVanilla();
        ConfTrees.Edit(tree.Path, "vars.xml", "default_password=1234", "default_password=" + Password);
        using var dir = new TempDirectory("orch-fs-");
        var inventory = PlaybookHarness.LocalInventory(dir.Path);
        var playbook = Path.Combine(dir.Path, "site.yml");
        var vars = Path.Combine(tree.Path, "vars.xml");
        File.WriteAllText(playbook, $"""
            - hosts: freeswitch
              gather_facts: false
              tasks:
                - freeswitch_facts: {"{"} conf_dir: {tree.Path}, log_file: {Path.Combine(dir.Path, "none.log")} {"}"}
                - name: print
                  command: grep -o 'default_password=[^"]*' {vars}
                  register: printed
                - debug: {"{"} var: printed.stdout {"}"}

            """);

        var (result, output) = await PlaybookHarness.RunAsync(playbook, inventory);

        Assert.Equal(0, result.ExitCode);
        var stdout = Assert.IsType<string>(Assert.Single(output.Results, r => r.Task == "print").Result?["stdout"]);
        Assert.Equal("default_password=[REDACTED]", stdout);
        Assert.DoesNotContain(Password, PlaybookHarness.Describe(output), StringComparison.Ordinal);
    }
}
