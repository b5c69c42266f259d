using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Tasks;

/// <summary>ansible_failed_task and ansible_failed_result in a block's rescue section, as Ansible sets them.</summary>
public sealed class RescueFactsTests
{
    [Fact]
    public async Task Rescue_SeesTheFailedTaskAndItsResult()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("/bin/bad", rc: 3);
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - block:
                    - name: breaks
                      command: /bin/bad
                  rescue:
                    - command: "/bin/repair {{ ansible_failed_task.name }} {{ ansible_failed_result.rc }}"
            """);
        Assert.Equal(0, run.Result.ExitCode);
        Assert.Contains(h["h1"].Commands, c => c.Contains("/bin/repair breaks 3", StringComparison.Ordinal));
    }
}
