using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>Tags and --start-at-task.</summary>
public sealed class TaskFilterTests
{
    [Theory]
    [InlineData("", "", "a,b,always")]
    [InlineData("a", "", "a,always")]
    [InlineData("a", "always", "a")]
    [InlineData("", "b", "a,always")]
    [InlineData("n", "", "n,always")]
    [InlineData("never", "", "n,always")]
    public async Task Tags_AlwaysAndNever_FollowAnsible(string only, string skip, string expected)
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            """
            - hosts: all
              tasks:
                - {name: a, debug: msg=a, tags: a}
                - {name: b, debug: msg=b, tags: [b]}
                - {name: n, debug: msg=n, tags: [never, n]}
                - {name: always, debug: msg=x, tags: always}
            """,
            o =>
            {
                o.Tags.AddRange(only.Split(',', StringSplitOptions.RemoveEmptyEntries));
                o.SkipTags.AddRange(skip.Split(',', StringSplitOptions.RemoveEmptyEntries));
            });
        Assert.Equal(expected, string.Join(",", run.Output.Results.Select(r => r.Task)));
    }

    [Fact]
    public async Task StartAtTask_SkipsEarlierTasks()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            """
            - hosts: all
              tasks:
                - {name: one, debug: msg=1}
                - {name: two, debug: msg=2}
                - {name: three, debug: msg=3}
            """,
            o => o.StartAtTask = "two");
        Assert.Equal("two,three", string.Join(",", run.Output.Results.Select(r => r.Task)));
    }
}
