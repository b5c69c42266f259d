using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Run;

/// <summary>The <c>orchestrator run</c> command as a separate process: load-time errors, listings, exit codes.</summary>
public sealed class RunCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("engine-cli-");

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string content) => _dir.Write(name, content);

    // An address in TEST-NET-1 that nothing listens on: if the CLI tried to connect, the test would see it fail to.
    private string Inventory() => Write("inv.yml", "all:\n  hosts:\n    h1:\n      ansible_host: 192.0.2.1\n");

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "- hosts: all\n  tasks:\n    - name: x\n      commnd: ls\n", ":4:7: ", "'commnd' is neither a task keyword nor a known module" },
        { "- hosts: all\n  tasks:\n    - service: {name: x, enabled: maybe}\n", ":3:35: ", "must be a boolean" },
        { "- hosts: all\n  tasks:\n    - debug: msg=x\n      when: a ==\n", ":4:13: ", "bad expression" },
        { "- hosts: all\n  vars_files: [nope.yml]\n", ":2:16: ", "vars file 'nope.yml' does not exist" },
        { "- hosts: all\n  tasks:\n  - debug: {msg: x\n", ":4:1: ", "YAML syntax error" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Run_MalformedPlaybook_ExitsOneWithFileLineColumn(string playbook, string location, string message)
    {
        var path = Write("bad.yml", playbook);
        var (exit, stdout, stderr) = await OrchestratorCli.RunAsync("run", path, "-i", Inventory());
        Assert.Equal(1, exit);
        Assert.Contains($"ERROR: {path}{location}", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PLAY [", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SyntaxCheckAndListings_DoNotConnect()
    {
        var path = Write("ok.yml", "- name: P\n  hosts: all\n  tasks:\n    - {name: t1, debug: msg=x, tags: [a]}\n");
        var syntax = await OrchestratorCli.RunAsync("run", path, "--syntax-check");
        Assert.Equal(0, syntax.ExitCode);
        var list = await OrchestratorCli.RunAsync("run", path, "-i", Inventory(), "--list-tasks", "--list-hosts", "--list-tags");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("      t1\tTAGS: [a]", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("    hosts (1):\n      h1\n", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("TASK TAGS: [a]", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DetailedExitCodeWithoutCheck_IsRejected()
    {
        var path = Write("ok.yml", "- hosts: all\n  tasks: []\n");
        var (exit, _, stderr) = await OrchestratorCli.RunAsync("run", path, "-i", Inventory(), "--detailed-exitcode");
        Assert.NotEqual(0, exit);
        Assert.Contains("--detailed-exitcode needs --check", stderr, StringComparison.Ordinal);
    }
}
