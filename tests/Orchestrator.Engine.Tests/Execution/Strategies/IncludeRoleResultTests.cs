using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Strategies;

/// <summary>An include_role reached on a host is reported, but Ansible's recap counts it nowhere (include_tasks counts one ok).</summary>
public sealed class IncludeRoleResultTests
{
    [Fact]
    public async Task IncludeRole_ReportedOk_NotCountedInRecap()
    {
        using var h = new EngineHarness("h1");
        h.Write("roles/r/tasks/main.yml", "- {name: inside, debug: {msg: hi}}\n");
        h.Write("tasks/t.yml", "- {name: in file, debug: {msg: hi}}\n");
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - {name: the role, include_role: {name: r}}
                - {name: the file, include_tasks: tasks/t.yml}
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("the role", "h1").Outcome);
        Assert.Equal(TaskOutcome.Ok, run.Result1("the file", "h1").Outcome);
        Assert.Equal(3, run.Recap("h1").Ok);
    }
}
