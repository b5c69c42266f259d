using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>vars_prompt: asking, defaults, confirm, -e, secrets, and the run without a terminal.</summary>
public sealed class VarsPromptTests
{
    private const string Playbook = """
        - hosts: all
          gather_facts: false
          vars: {release: from_play}
          vars_prompt:
            - {name: release, prompt: "Release {{ flavour }}", default: "{{ flavour }}-1", private: false}
            - {name: password, prompt: Password, confirm: true}
          tasks:
            - {name: show release, debug: {msg: "{{ release }}"}}
            - {name: show password, debug: {msg: "pw={{ password }}"}}
        """;

    [Fact]
    public async Task Answers_AreAskedOnceBeforeThePlay_PrivateOnesHiddenAndConfirmed()
    {
        using var h = new EngineHarness("h1", "h2");
        var terminal = new ScriptedPrompt("", "s3cret-pw", "typo", "s3cret-pw", "s3cret-pw");
        var run = await h.RunAsync(Playbook, o =>
        {
            o.VarsPrompt = terminal;
            o.ExtraVars["flavour"] = "blue";
        });

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal(
            [
                ("Release blue [blue-1]: ", true), ("Password: ", false), ("confirm Password: ", false),
                ("Password: ", false), ("confirm Password: ", false),
            ],
            terminal.Asked);
        Assert.Equal([VarsPrompter.Mismatch], terminal.Said);
        Assert.Equal("blue-1", run.Result1("show release", "h2").Message);
        Assert.DoesNotContain("s3cret-pw", run.Result1("show password", "h1").Message, StringComparison.Ordinal);
        Assert.StartsWith("pw=", run.Result1("show password", "h1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtraVars_AreNotAsked()
    {
        using var h = new EngineHarness("h1");
        var terminal = new ScriptedPrompt();
        var run = await h.RunAsync(Playbook, o =>
        {
            o.VarsPrompt = terminal;
            o.ExtraVars["flavour"] = "blue";
            o.ExtraVars["password"] = "pw-from-e";
            o.ExtraVars["release"] = "given-release";
        });

        Assert.Empty(terminal.Asked);
        Assert.Equal("given-release", run.Result1("show release", "h1").Message);
    }

    [Fact]
    public async Task NoTerminal_UsesTheDefaultWithAWarning_OrStopsNamingTheVariable()
    {
        using var h = new EngineHarness("h1");
        var withDefault = await h.RunAsync(Playbook, o =>
        {
            o.ExtraVars["flavour"] = "blue";
            o.ExtraVars["password"] = "pw-from-e";
        });
        Assert.Equal("blue-1", withDefault.Result1("show release", "h1").Message);
        Assert.Contains(withDefault.Warnings, w => w.Contains("vars_prompt 'release'", StringComparison.Ordinal) && w.Contains("no terminal", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<UserInputException>(() => h.RunAsync(Playbook, o => o.ExtraVars["flavour"] = "blue"));
        Assert.Contains("vars_prompt 'password' needs an answer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-e password=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("site.yml:", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(h["h1"].Commands);
    }

    [Theory]
    [InlineData("- {name: x, encrypt: sha512_crypt}", "'encrypt' (hashing the answer) is not supported")]
    [InlineData("- {prompt: x}", "needs 'name'")]
    [InlineData("- {name: x, promt: typo}", "promt")]
    [InlineData("- {name: 'not valid'}", "not a valid variable name")]
    public async Task BadEntry_IsALoadError(string entry, string expected)
    {
        using var h = new EngineHarness("h1");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => h.RunAsync($"- hosts: all\n  vars_prompt:\n    {entry}\n  tasks: []\n"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("site.yml:3:", ex.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Answers given in order; records what was asked (and whether echoed) and said.</summary>
    private sealed class ScriptedPrompt(params string[] answers) : IVarsPrompt
    {
        private readonly Queue<string> _answers = new(answers);

        public List<(string Prompt, bool Echo)> Asked { get; } = [];

        public List<string> Said { get; } = [];

        public string Ask(string prompt, bool echo)
        {
            Asked.Add((prompt, echo));
            return _answers.Dequeue();
        }

        public void Say(string message) => Said.Add(message);
    }
}
