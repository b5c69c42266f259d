using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Run;

/// <summary><c>orchestrator run</c> with a vars_prompt and no terminal (stdin redirected, as in CI).</summary>
public sealed class VarsPromptCliTests : IDisposable
{
    private const string Playbook = """
        - hosts: all
          gather_facts: false
          vars_prompt:
            - {name: esl_password, prompt: ESL password}
            - {name: release, prompt: Release, default: "1.10", private: false}
          tasks:
            - {name: show, debug: {msg: "release {{ release }} pw {{ esl_password }}"}}
        """;

    private readonly TempDirectory _dir = new("cli-vars-prompt-");

    public VarsPromptCliTests()
    {
        _dir.Write("inventory.ini", "web1 ansible_connection=local\n");
        _dir.Write("site.yml", Playbook);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task NoTerminal_NoDefault_StopsNamingTheVariable()
    {
        var result = await OrchestratorCli.RunAsync(["run", "-i", "inventory.ini", "site.yml"], _dir.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("vars_prompt 'esl_password' needs an answer", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("site.yml:4:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("release 1.10", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTerminal_ExtraVarsAndDefault_Run()
    {
        var result = await OrchestratorCli.RunAsync(["run", "-i", "inventory.ini", "site.yml", "-e", "esl_password=Sup3r-s3cret"], _dir.Path);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("release 1.10 pw", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-s3cret", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("vars_prompt 'release'", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }
}
