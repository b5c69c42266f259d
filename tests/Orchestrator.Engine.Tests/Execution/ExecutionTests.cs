using Orchestrator.Engine.Execution.Plays;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Tests.Fakes;

namespace Orchestrator.Engine.Tests.Execution;

public sealed class ExecutionTests
{
    [Theory]
    [InlineData(10, "", "10")]
    [InlineData(10, "3", "3,3,3,1")]
    [InlineData(10, "30%", "3,3,3,1")]
    [InlineData(10, "1,5,20%", "1,5,2,2")]
    [InlineData(3, "10%", "1,1,1")]
    [InlineData(5, "0", "5")]
    [InlineData(4, "1,2,100", "1,2,1")]
    public void Batches_SerialSpec_SplitsLikeAnsible(int hosts, string serial, string expected)
    {
        var steps = serial.Length == 0
            ? null
            : serial.Split(',').Select(s => s.EndsWith('%') ? new SerialStep(long.Parse(s[..^1]), true) : new SerialStep(long.Parse(s), false)).ToList();
        var batches = PlayHosts.Batches(Enumerable.Range(0, hosts).ToList(), steps);
        Assert.Equal(expected, string.Join(",", batches.Select(b => b.Count)));
    }

    private const string FailTwoOfFour = """
        - hosts: all
          serial: 4
          max_fail_percentage: {0}
          tasks:
            - name: may fail
              command: /bin/check
            - name: after
              debug: msg=hi
        """;

    [Theory]
    [InlineData(49, true, 8)]
    [InlineData(50, false, 2)]
    public async Task MaxFailPercentage_TwoOfFourFail_StopsOnlyWhenExceeded(int percentage, bool aborted, int exitCode)
    {
        using var h = new EngineHarness("h1", "h2", "h3", "h4");
        h["h1"].Script("/bin/check", rc: 1);
        h["h2"].Script("/bin/check", rc: 1);
        var run = await h.RunAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, FailTwoOfFour, percentage));
        Assert.Equal(aborted, run.Result.Aborted);
        Assert.Equal(exitCode, run.Result.ExitCode);
        Assert.Equal(aborted ? 0 : 2, run.Results("after").Count());
    }

    [Fact]
    public async Task MaxFailPercentage_AbortedFirstBatch_LaterBatchesDoNotRun()
    {
        using var h = new EngineHarness("h1", "h2", "h3", "h4");
        h["h1"].Script("/bin/check", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              serial: 2
              max_fail_percentage: 0
              tasks:
                - command: /bin/check
            """);
        Assert.True(run.Result.Aborted);
        Assert.Equal(PlaybookRunner.ExitPlayAborted, run.Result.ExitCode);
        Assert.Empty(h["h3"].Commands);
        Assert.Empty(h["h4"].Commands);
    }

    [Fact]
    public async Task Serial_OneUnreachableHost_RestOfRolloutContinues()
    {
        using var h = new EngineHarness("h1", "h2", "h3");
        h["h2"].Unreachable = true;
        var run = await h.RunAsync("""
            - hosts: all
              serial: 1
              tasks:
                - command: /bin/deploy
                - debug: msg=done
            """);
        Assert.False(run.Result.Aborted);
        Assert.Equal(PlaybookRunner.ExitUnreachableHosts, run.Result.ExitCode);
        Assert.Equal(1, run.Recap("h2").Unreachable);
        Assert.Equal(2, run.Recap("h3").Ok);
        Assert.Contains(h["h3"].Commands, c => c.Contains("/bin/deploy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serial_OneHostFailsInSingleHostBatch_PlayStops()
    {
        using var h = new EngineHarness("h1", "h2");
        h["h1"].Script("/bin/deploy", rc: 3);
        var run = await h.RunAsync("""
            - hosts: all
              serial: 1
              tasks:
                - command: /bin/deploy
            """);
        Assert.Equal(PlaybookRunner.ExitFailedHosts, run.Result.ExitCode);
        Assert.Empty(h["h2"].Commands);
    }

    [Fact]
    public async Task AnyErrorsFatal_FinishesTaskOnBatchThenStops()
    {
        using var h = new EngineHarness("h1", "h2", "h3");
        h["h1"].Script("/bin/one", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              any_errors_fatal: true
              tasks:
                - command: /bin/one
                - command: /bin/two
            """);
        Assert.Equal(PlaybookRunner.ExitPlayAborted, run.Result.ExitCode);
        Assert.Contains(h["h2"].Commands, c => c.Contains("/bin/one", StringComparison.Ordinal));
        Assert.Contains(h["h3"].Commands, c => c.Contains("/bin/one", StringComparison.Ordinal));
        Assert.DoesNotContain(h["h2"].Commands, c => c.Contains("/bin/two", StringComparison.Ordinal));
    }

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
        Assert.Equal(new HostRecap("h1", Ok: 4, Changed: 1, Unreachable: 0, Failed: 1, Skipped: 1, Rescued: 1, Ignored: 1, Unknown: 0), run.Recap("h1"));
        Assert.Equal(PlaybookRunner.ExitFailedHosts, run.Result.ExitCode);
    }

    [Fact]
    public async Task Block_Always_RunsForFailedHostAndHostStaysFailed()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("/bin/bad", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - block:
                    - command: /bin/bad
                  always:
                    - command: /bin/cleanup
                - command: /bin/after
            """);
        Assert.Contains(h["h1"].Commands, c => c.Contains("/bin/cleanup", StringComparison.Ordinal));
        Assert.DoesNotContain(h["h1"].Commands, c => c.Contains("/bin/after", StringComparison.Ordinal));
        Assert.Equal(1, run.Recap("h1").Failed);
    }

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
    public async Task RunOnce_RunsOnFirstHostAndSharesRegisteredResult()
    {
        using var h = new EngineHarness("h1", "h2", "h3");
        h["h1"].Script("/bin/token", stdout: "abc");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - command: /bin/token
                  run_once: true
                  register: token
                - debug: msg="{{ token.stdout }}"
            """);
        Assert.Empty(h["h2"].Commands);
        Assert.All(run.Results("debug"), r => Assert.Equal("abc", r.Message));
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

    [Fact]
    public async Task Forks_LimitConcurrency()
    {
        using var h = new EngineHarness(Enumerable.Range(1, 8).Select(i => $"h{i}").ToArray());
        var current = 0;
        var peak = 0;
        foreach (var host in Enumerable.Range(1, 8))
        {
            h[$"h{host}"].Scripts.Add((new System.Text.RegularExpressions.Regex("/bin/slow"), _ =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                Thread.Sleep(20);
                Interlocked.Decrement(ref current);
                return new Orchestrator.Core.Transport.CommandResult(0, string.Empty, string.Empty, TimeSpan.Zero);
            }));
        }

        await h.RunAsync("- hosts: all\n  tasks:\n    - command: /bin/slow\n", o => o.Forks = 3);
        Assert.InRange(peak, 1, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task FreeStrategy_HostsRunIndependently()
    {
        using var h = new EngineHarness("h1", "h2");
        h["h1"].Script("/bin/bad", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              strategy: free
              tasks:
                - command: /bin/bad
                - command: /bin/next
            """);
        Assert.Contains(h["h2"].Commands, c => c.Contains("/bin/next", StringComparison.Ordinal));
        Assert.DoesNotContain(h["h1"].Commands, c => c.Contains("/bin/next", StringComparison.Ordinal));
        Assert.Equal(1, run.Recap("h1").Failed);
    }

    [Fact]
    public async Task AnyErrorsFatal_FailureRescuedInBlock_DoesNotStopThePlay()
    {
        using var h = new EngineHarness("h1", "h2");
        h["h1"].Script("/bin/bad", rc: 1);
        var run = await h.RunAsync("""
            - hosts: all
              any_errors_fatal: true
              tasks:
                - block:
                    - command: /bin/bad
                  rescue:
                    - command: /bin/repair
                - command: /bin/after
            """);
        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal(1, run.Recap("h1").Rescued);
        Assert.Contains(h["h2"].Commands, c => c.Contains("/bin/after", StringComparison.Ordinal));
    }
}
