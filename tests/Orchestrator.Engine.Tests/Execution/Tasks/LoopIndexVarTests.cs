using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Tasks;

/// <summary><c>loop_control.index_var</c>: each item's 0-based index, in a task's loop and in an include_tasks loop.</summary>
public sealed class LoopIndexVarTests
{
    [Fact]
    public async Task IndexVar_TaskAndIncludeLoops_SeeTheIndex()
    {
        using var h = new EngineHarness("h1");
        h.Write("tasks/item.yml", "- {name: included, command: \"/bin/inc {{ thing }} {{ idx }}\"}\n");
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - command: "/bin/task {{ item }} {{ i }}"
                  loop: [a, b]
                  loop_control: {index_var: i}
                - include_tasks: tasks/item.yml
                  loop: [x, y]
                  loop_control: {loop_var: thing, index_var: idx}
            """);
        Assert.Equal(0, run.Result.ExitCode);
        var commands = string.Join("\n", h["h1"].Commands);
        foreach (var expected in new[] { "/bin/task a 0", "/bin/task b 1", "/bin/inc x 0", "/bin/inc y 1" })
        {
            Assert.Contains(expected, commands, StringComparison.Ordinal);
        }
    }
}
