using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Tasks;

/// <summary>One task on a host: recap counting, until/retries, loops, delegate_to, changed_when/failed_when.</summary>
public sealed class TaskRunnerTests
{
    [Fact]
    public async Task Recap_CountsLikeAnsible()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("/bin/bad", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/changes
                - debug: msg=hello
                - command: /bin/bad
                  ignore_errors: true
                - debug: msg=skipped
                  when: false
                - block:
                    - command: /bin/bad
                  rescue:
                    - debug: msg=rescued
                - command: /bin/bad
            """);
        // The ignored failed command reported changed (as command does), so it counts changed too, as in Ansible.
        Assert.Equal(new HostRecap("h1", Ok: 4, Changed: 2, Unreachable: 0, Failed: 1, Skipped: 1, Rescued: 1, Ignored: 1, Unknown: 0), run.Recap("h1"));
        Assert.Equal(PlaybookRunner.ExitFailedHosts, run.Result.ExitCode);
    }

    [Fact]
    public async Task Until_RetriesWithPollyAndRecordsAttempts()
    {
        using var h = new EngineHarness("h1");
        var calls = 0;
        h["h1"].Scripts.Add((new System.Text.RegularExpressions.Regex("/bin/probe"), _ => new Orchestrator.Core.Transport.CommandResult(0, ++calls >= 3 ? "ready" : "wait", string.Empty, TimeSpan.Zero)));
        var runTask = h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/probe
                  register: probe
                  until: probe.stdout == 'ready'
                  retries: 5
                  delay: 10
                - debug: var=probe.attempts
            """);
        while (!runTask.IsCompleted)
        {
            h.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }

        var run = await runTask;
        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal(3, calls);
        Assert.Equal(3L, run.Result1("debug", "h1").Result!["probe.attempts"]);
    }

    [Fact]
    public async Task Until_NeverTrue_FailsAfterRetriesPlusOneAttempts()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/probe
                  register: probe
                  until: probe.stdout == 'ready'
                  retries: 2
                  delay: 0
            """);
        Assert.Equal(3, h["h1"].Commands.Count(c => c.Contains("/bin/probe", StringComparison.Ordinal)));
        Assert.Equal(1, run.Recap("h1").Failed);
        Assert.Equal(3, run.Result1("command", "h1").Attempts);
    }

    [Fact]
    public async Task Loop_LoopVarAndLabel_RegistersResults()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - command: "/bin/add {{ user.name }}"
                  loop: "{{ users }}"
                  loop_control:
                    loop_var: user
                    label: "{{ user.name }}"
                  register: added
                - debug: msg="{{ added.results | length }} {{ added.results[1].user.name }}"
              vars:
                users: [{name: ann}, {name: bob}]
            """);
        Assert.Equal(["ann", "bob"], run.Output.Results.Where(r => r.Item is not null).Select(r => r.Item!).ToList());
        Assert.Equal("2 bob", run.Result1("debug", "h1").Message);
        Assert.Contains(h["h1"].Commands, c => c == "/bin/add bob");
    }

    [Fact]
    public async Task DelegateTo_Localhost_UsesLocalConnection()
    {
        using var h = new EngineHarness("h1");
        await h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/notify {{ inventory_hostname }}
                  delegate_to: localhost
            """);
        Assert.Contains(h["localhost"].Commands, c => c == "/bin/notify h1");
        Assert.Contains(h.Connector.Connects, c => c.Host == "localhost" && Equals(c.Variables["ansible_connection"], "local"));
        Assert.Empty(h["h1"].Commands);
    }

    [Fact]
    public async Task ChangedWhenFailedWhen_OverrideOutcome()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("/bin/a", rc: 2, stdout: "nothing to do");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/a
                  register: r
                  changed_when: "'changed' in r.stdout"
                  failed_when: r.rc not in [0, 2]
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("command", "h1").Outcome);
        Assert.Equal(0, run.Result.ExitCode);
    }
}
