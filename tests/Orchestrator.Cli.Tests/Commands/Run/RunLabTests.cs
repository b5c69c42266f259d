using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Run;

public sealed class RunLab() : CliLab("run", 1);

/// <summary><c>orchestrator run</c> as a separate process against a lab host: extra variables, and secrets in every output mode.</summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class RunLabTests(RunLab fixture) : IClassFixture<RunLab>, IDisposable
{
    private static readonly string Playbooks = Path.Combine(AppContext.BaseDirectory, "Playbooks");
    private readonly TempDirectory _dir = new("cli-run-lab-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ExtraVars_WinOverPlayVars_ThroughTheCli()
    {
        var lab = fixture.Lab;
        var playbook = _dir.Write("extra.yml", """
            - hosts: freeswitch
              vars: {marker: from-play}
              tasks:
                - copy: {content: "{{ marker }} {{ other }}\n", dest: /tmp/en-extra-marker}
            """);
        var file = _dir.Write("extra-vars.yml", "other: from-file\n");
        var (exit, stdout, stderr) = await OrchestratorCli.RunAsync("run", playbook, "-i", lab.InventoryPath, "-l", "fs1", "-e", "marker=from-cli", "-e", "@" + file);
        Assert.True(exit == 0, stdout + stderr);
        var marker = await lab.ExecInHostAsync("fs1", "cat /tmp/en-extra-marker", CancellationToken.None);
        Assert.Equal("from-cli from-file\n", marker.Stdout);
    }

    [Fact]
    public async Task Secret_NeverAppearsInAnyOutputMode()
    {
        var lab = fixture.Lab;
        var playbook = Path.Combine(Playbooks, "secrets.yml");
        var modes = new[]
        {
            new[] { "run", playbook, "-i", lab.InventoryPath, "-l", "fs1", "--diff" },
            ["run", playbook, "-i", lab.InventoryPath, "-l", "fs1", "-vvv"],
            ["run", playbook, "-i", lab.InventoryPath, "-l", "fs1", "-o", "json", "-vvv"],
            ["run", playbook, "-i", lab.InventoryPath, "-l", "fs1", "--check", "--diff", "-vvv"],
        };
        await lab.ExecInHostAsync("fs1", "rm -f /tmp/en-secret.conf", CancellationToken.None);
        foreach (var args in modes)
        {
            var (exit, stdout, stderr) = await OrchestratorCli.RunAsync(args);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}\n{stdout}{stderr}");
            Assert.DoesNotContain("Lab-Secret-9f2b7", stdout + stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Loop-Secret-41c", stdout + stderr, StringComparison.Ordinal);
            Assert.Contains("[REDACTED]", stdout, StringComparison.Ordinal);
        }

        var written = await lab.ExecInHostAsync("fs1", "cat /tmp/en-secret.conf", CancellationToken.None);
        Assert.Equal("password=Lab-Secret-9f2b7\n", written.Stdout);
    }
}
