using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Plays;

/// <summary>Handlers: order, notification, flush_handlers, force_handlers.</summary>
public sealed class HandlerRunnerTests
{
    [Fact]
    public async Task Handlers_RunOnceAtEndOnlyOnChangedHosts_InHandlerOrder()
    {
        using var h = new EngineHarness("h1", "h2");
        h["h2"].AddFile("/etc/app.conf", "v=1\n");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - copy: {content: "v=1\n", dest: /etc/app.conf}
                  notify: [restart app, log it]
                - copy: {content: "v=1\n", dest: /etc/app.conf}
                  notify: restart app
              handlers:
                - name: log it
                  command: /bin/log
                - name: restart app
                  service: {name: app, state: restarted}
            """);
        var order = run.Output.Events.OfType<TaskStartedEvent>().Select(e => e.Task).ToList();
        Assert.Equal(["copy", "copy", "log it", "restart app"], order);
        Assert.Single(run.Results("restart app"));
        Assert.Equal("h1", run.Result1("restart app", "h1").Host);
        Assert.Single(h["h1"].Commands, c => c == "systemctl restart app");
        Assert.DoesNotContain(h["h2"].Commands, c => c.StartsWith("systemctl restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handlers_HostFailsAfterNotify_HandlerSkippedUnlessForced()
    {
        foreach (var force in new[] { false, true })
        {
            using var h = new EngineHarness("h1");
            h["h1"].Script("/bin/bad", rc: 1);
            await h.RunAsync(
                """
                - hosts: all
                  tasks:
                    - command: /bin/change
                      notify: restart
                    - command: /bin/bad
                  handlers:
                    - name: restart
                      command: /bin/restart
                """,
                o => o.ForceHandlers = force);
            Assert.Equal(force, h["h1"].Commands.Any(c => c.Contains("/bin/restart", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Handlers_ListenTopicAndFlushHandlers_RunEarly()
    {
        using var h = new EngineHarness("h1");
        await h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/change
                  notify: web changed
                - meta: flush_handlers
                - command: /bin/after
              handlers:
                - name: reload
                  command: /bin/reload
                  listen: web changed
            """);
        var commands = h["h1"].Commands.ToList();
        Assert.True(commands.FindIndex(c => c.Contains("/bin/reload", StringComparison.Ordinal)) < commands.FindIndex(c => c.Contains("/bin/after", StringComparison.Ordinal)));
    }
}
