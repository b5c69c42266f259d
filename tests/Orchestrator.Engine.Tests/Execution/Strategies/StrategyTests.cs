using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Strategies;

/// <summary>Linear and free strategies: blocks, run_once, forks, hosts running on their own.</summary>
public sealed class StrategyTests
{
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
}
