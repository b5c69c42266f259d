using Orchestrator.Core.Errors;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Loading;

/// <summary>Roles, imports and includes: load errors with file:line:column and the paths tried, and the rules a run follows.</summary>
public sealed class RoleLoaderTests
{
    [Fact]
    public void MissingRole_ErrorListsSearchPaths()
    {
        using var h = new EngineHarness("h1");
        var options = h.Options("- hosts: all\n  roles:\n    - nowhere\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.StartsWith($"{options.PlaybookPath}:3:7: the role 'nowhere' was not found; looked in {Path.Combine(h.Directory, "roles", "nowhere")}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DependencyCycle_ErrorShowsChain()
    {
        using var h = new EngineHarness("h1");
        h.Write("roles/a/meta/main.yml", "dependencies: [b]\n");
        h.Write("roles/b/meta/main.yml", "dependencies:\n  - role: a\n");
        var options = h.Options("- hosts: all\n  roles: [a]\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains("role dependency cycle: a -> b -> a", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{h.Directory}/roles/b/meta/main.yml:2:5: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roles/r/meta/main.yml", "- just a list\n", "roles/r/meta/main.yml:1:1: a role's meta/main.yml must be a mapping")]
    [InlineData("roles/r/meta/main.yml", "dependencies: {a: 1}\n", "roles/r/meta/main.yml:1:15: 'dependencies' must be a list")]
    [InlineData("roles/r/tasks/main.yml", "name: not a list\n", "roles/r/tasks/main.yml:1:1: a role's task file must be a list")]
    [InlineData("roles/r/vars/main.yml", "- x\n", "roles/r/vars/main.yml:1:1: a role vars file must be a mapping")]
    public void BadRoleFile_ErrorHasItsFileLineColumn(string file, string content, string expected)
    {
        using var h = new EngineHarness("h1");
        h.Write(file, content);
        var options = h.Options("- hosts: all\n  roles: [r]\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.StartsWith($"{h.Directory}/{expected}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCycle_IsALoadError()
    {
        using var h = new EngineHarness("h1");
        h.Write("a.yml", "- import_tasks: b.yml\n");
        h.Write("b.yml", "- import_tasks: a.yml\n");
        var options = h.Options("- hosts: all\n  tasks:\n    - import_tasks: a.yml\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains($"import cycle: {h.Directory}/a.yml -> {h.Directory}/b.yml -> {h.Directory}/a.yml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncludeThatIncludesItself_FailsTheHostInsteadOfRunningForever()
    {
        using var h = new EngineHarness("h1");
        h.Write("again.yml", "- debug: {msg: round}\n- include_tasks: again.yml\n");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - include_tasks: again.yml\n");
        Assert.Equal(1, run.Recap("h1").Failed);
        Assert.Contains(run.Output.Results, r => r.Message?.Contains("includes nest deeper than 32 levels", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task MissingIncludeFile_FailsTheHostWithPathsTried()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - include_tasks: \"{{ inventory_hostname }}.yml\"\n    - debug: {msg: after}\n");
        var result = run.Result1("include_tasks", "h1");
        Assert.Contains($"the task file 'h1.yml' was not found (looked at {h.Directory}/h1.yml)", result.Message, StringComparison.Ordinal);
        Assert.Empty(run.Results("debug"));
    }

    [Fact]
    public async Task RoleHandler_NotifiedByRolePrefixedName_RunsOnce()
    {
        using var h = new EngineHarness("h1");
        h.Write("roles/r/tasks/main.yml", "- {name: change, debug: {msg: x}, changed_when: true, notify: restart}\n");
        h.Write("roles/r/handlers/main.yml", "- {name: restart, debug: {msg: restarted}}\n");
        var run = await h.RunAsync("- hosts: all\n  roles: [r]\n  tasks:\n    - {name: again, debug: {msg: y}, changed_when: true, notify: \"r : restart\"}\n");
        Assert.Equal("restarted", run.Result1("r : restart", "h1").Message);
        Assert.Equal("x", run.Result1("r : change", "h1").Message);
    }

    [Fact]
    public async Task IncludeTasks_TagsSelectTheIncludeOnlyUnlessApplied()
    {
        using var h = new EngineHarness("h1");
        h.Write("inc.yml", "- {name: inner, debug: {msg: inner}}\n");
        var playbook = """
            - hosts: all
              tasks:
                - {include_tasks: inc.yml, tags: [t]}
                - include_tasks: {file: inc.yml, apply: {tags: [t]}}
                  tags: [t]
            """;
        var run = await h.RunAsync(playbook, o => o.Tags.Add("t"));
        Assert.Single(run.Results("inner"));
        Assert.Equal(2, run.Results("include_tasks").Count());
    }

    [Fact]
    public void ListTasks_SeesThroughRolesAndImports_WithRolePrefixes()
    {
        using var h = new EngineHarness("h1");
        h.Write("roles/r/tasks/main.yml", "- {name: in r, debug: {msg: x}}\n- debug: {msg: nameless}\n");
        h.Write("more.yml", "- {name: imported, debug: {msg: y}}\n");
        var options = h.Options("- hosts: all\n  roles: [{role: r, tags: [rt]}]\n  tasks:\n    - import_tasks: more.yml\n      tags: [it]\n    - include_tasks: more.yml\n");
        var tasks = PlaybookRunner.ListTasks(options);
        Assert.Contains("    tasks:\n      r : in r\tTAGS: [rt]\n      debug\tTAGS: [rt]\n      imported\tTAGS: [it]\n      include_tasks\tTAGS: []\n", tasks, StringComparison.Ordinal);
    }
}
