using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Tasks;

/// <summary>An ignored failure counts ok and ignored, and changed too when its result says changed (ansible-core 2.14).</summary>
public sealed class IgnoredFailureCountTests
{
    [Fact]
    public async Task IgnoredFailedCommand_CountsChanged()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("/bin/bad", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - {command: /bin/bad, ignore_errors: true}
                - {fail: {msg: no}, ignore_errors: true}
            """);
        var recap = run.Recap("h1");
        Assert.Equal((2, 2, 1), (recap.Ok, recap.Ignored, recap.Changed));
    }
}
