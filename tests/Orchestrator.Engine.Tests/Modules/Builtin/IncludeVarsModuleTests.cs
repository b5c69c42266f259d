using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules.Builtin;

/// <summary>include_vars errors: each fails the task on the host with a message that says what and where.</summary>
public sealed class IncludeVarsModuleTests
{
    [Theory]
    [InlineData("include_vars: missing.yml", "'missing.yml' not found (looked at ", "vars/missing.yml")]
    [InlineData("include_vars: {file: bad.yml}", "bad.yml:3:1: YAML", "syntax error")]
    [InlineData("include_vars: {file: list.yml}", "list.yml:1:1", "must be stored as a dictionary")]
    [InlineData("include_vars: {file: a.yml, dir: d}", "'file' and 'dir' cannot be used together", "site.yml:")]
    [InlineData("include_vars: {file: a.yml, depth: 1}", "'depth' goes with 'dir'", "site.yml:")]
    [InlineData("include_vars: {file: a.yml, hash_behaviour: merge}", "hash_behaviour 'merge' is not supported", "site.yml:")]
    [InlineData("include_vars: {dir: nowhere}", "nowhere directory does not exist", "include_vars")]
    [InlineData("include_vars: {dir: a.yml}", "a.yml is not a directory", "include_vars")]
    [InlineData("include_vars: {dir: d}", "d/x.txt does not have a valid extension: yaml, yml, json", "include_vars")]
    [InlineData("include_vars: {dir: d, files_matching: '('}", "files_matching: invalid regular expression '('", "include_vars")]
    public async Task Error_FailsTheTaskWithAClearMessage(string task, string expected, string alsoExpected)
    {
        using var h = new EngineHarness("h1");
        h.Write("a.yml", "a: 1\n");
        h.Write("bad.yml", "a: 1\nb: [unclosed\n");
        h.Write("list.yml", "- a\n- b\n");
        h.Write("d/x.txt", "x: 1\n");
        var run = await h.RunAsync($"- hosts: all\n  gather_facts: false\n  tasks:\n    - name: inc\n      {task}\n");

        var result = run.Result1("inc", "h1");
        Assert.Equal(TaskOutcome.Failed, result.Outcome);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, result.Message, StringComparison.Ordinal);
        Assert.Equal(1, run.Recap("h1").Failed);
    }

    [Fact]
    public async Task RunOnce_SetsTheVariablesOnEveryHostOfTheBatch()
    {
        using var h = new EngineHarness("h1", "h2");
        h.Write("vars/shared.yml", "shared: from_file\n");
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - include_vars: shared.yml
                  run_once: true
                - {name: show, debug: {msg: "{{ shared }}"}}
            """);

        Assert.Equal("from_file", run.Result1("show", "h1").Message);
        Assert.Equal("from_file", run.Result1("show", "h2").Message);
    }
}
