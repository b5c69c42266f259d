using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>
/// A directory given where a file is expected is named as a directory ("is a directory, expected a file"), not as
/// missing, for every path option and file reference; the command exits non-zero, without a stack trace, having
/// written nothing.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class DirectoryForFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public DirectoryForFileTests()
    {
        Directory.CreateDirectory(_dir.Combine("adir"));
        _dir.Write("inv.yml", "all:\n  hosts:\n    h1:\n      ansible_connection: local\n");
        _dir.Write("policy.yml", "policy: ok\ncontrols:\n  - { id: A, title: t, impact: 0.5, check: { type: capture_ports_clear } }\n");
        _dir.Write("pb.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=x\n");
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string[], string> Cases() => new()
    {
        { "playbook", ["run", "{adir}", "-i", "{inv.yml}"], "playbook '{adir}' is a directory, expected a file" },
        { "vars_files", ["run", "{varsdir.yml}", "-i", "{inv.yml}", "--syntax-check"], "vars file 'adir' is a directory, expected a file" },
        { "-e @", ["run", "{pb.yml}", "-i", "{inv.yml}", "-e", "@{adir}"], "-e @{adir}: the file is a directory, expected a file" },
        { "run --ssh-config", ["run", "{pb.yml}", "-i", "{inv.yml}", "--ssh-config", "{adir}"], "--ssh-config '{adir}' is a directory, expected a file" },
        { "exec --ssh-config", ["exec", "-i", "{inv.yml}", "--ssh-config", "{adir}", "--", "true"], "--ssh-config '{adir}' is a directory, expected a file" },
        { "--policy", ["sweep", "-i", "{inv.yml}", "--policy", "{adir}", "--db", "{h.db}"], "--policy '{adir}' is a directory, expected a file" },
        { "--db", ["sweep", "-i", "{inv.yml}", "--policy", "{policy.yml}", "--db", "{adir}"], "--db '{adir}' is a directory, expected a file" },
        { "--report json", ["sweep", "-i", "{inv.yml}", "--policy", "{policy.yml}", "--db", "{h.db}", "--report", "json:{adir}"], "--report '{adir}' is a directory, expected a file" },
        { "--report html", ["sweep", "-i", "{inv.yml}", "--policy", "{policy.yml}", "--db", "{h.db}", "--report", "cli", "--report", "html:{adir}"], "--report '{adir}' is a directory, expected a file" },
        { "sweep history --db", ["sweep", "history", "--db", "{adir}"], "--db '{adir}' is a directory, expected a file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_DirectoryWhereAFileIsExpected_SaysSoAndWritesNothing(string what, string[] args, string message)
    {
        _dir.Write("varsdir.yml", "- hosts: all\n  vars_files: [adir]\n  tasks:\n    - debug: msg=x\n");

        var result = await InProcessCli.RunAsync([.. args.Select(Expand)]);

        Assert.True(result.ExitCode is 1 or 2, $"{what}: exit code {result.ExitCode}");
        Assert.Contains(Expand(message), result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("h.db")), $"{what}: the history database was created");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("adir")));
    }

    // {name} is the path of name in the test directory.
    private string Expand(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\{([^}]+)\}", m => _dir.Combine(m.Groups[1].Value));
}
