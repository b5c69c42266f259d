using Orchestrator.Engine.Execution.Plays;
using Orchestrator.Engine.Model;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Plays;

/// <summary>Serial batches and the failure limits that stop a play (any_errors_fatal, max_fail_percentage).</summary>
public sealed class PlayRunnerTests
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
