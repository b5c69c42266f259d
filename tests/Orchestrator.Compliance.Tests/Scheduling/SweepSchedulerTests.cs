using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Compliance.Scheduling;
using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Tests.Scheduling;

/// <summary>The schedule loop on fake time: passes at the cron ticks, never two at once, clean stop and abandon.</summary>
public sealed class SweepSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 30, TimeSpan.Zero);

    private sealed class Harness
    {
        private readonly ConcurrentQueue<DateTimeOffset> _waiting = new();
        private int _running;

        public Harness(string cron = "*/5 * * * *", bool blockPasses = false)
        {
            BlockPasses = blockPasses;
            Scheduler = new SweepScheduler(SweepSchedule.Parse(cron, null), Time, PassAsync, Log.Enqueue, () => Interlocked.Increment(ref Skips))
            {
                Waiting = _waiting.Enqueue,
            };
        }

        public FakeTimeProvider Time { get; } = new(Start);

        public SweepScheduler Scheduler { get; }

        public bool BlockPasses { get; set; }

        public ConcurrentQueue<string> Log { get; } = new();

        public ConcurrentQueue<DateTimeOffset> Ticks { get; } = new();

        public ConcurrentQueue<TaskCompletionSource> Blocked { get; } = new();

        public int Skips;

        public int Running => Volatile.Read(ref _running);

        public int MaxConcurrent;

        public int Cancelled;

        /// <summary>Waits (real time, bounded) until the loop is waiting for <paramref name="tick"/>.</summary>
        public async Task WaitForLoopAsync(DateTimeOffset tick)
        {
            for (var i = 0; i < 500 && !_waiting.Contains(tick); i++)
            {
                await Task.Delay(10);
            }

            Assert.True(_waiting.Contains(tick), $"the loop never waited for {tick:O}; it waited for {string.Join(", ", _waiting)}");
        }

        public async Task AdvanceToAsync(DateTimeOffset tick)
        {
            await WaitForLoopAsync(tick);
            Time.SetUtcNow(tick);
        }

        public static async Task EventuallyAsync(Func<bool> condition, string what)
        {
            for (var i = 0; i < 500 && !condition(); i++)
            {
                await Task.Delay(10);
            }

            Assert.True(condition(), what);
        }

        private async Task PassAsync(DateTimeOffset tick, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref MaxConcurrent, now);
            Ticks.Enqueue(tick);
            try
            {
                if (BlockPasses)
                {
                    var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Blocked.Enqueue(gate);
                    await gate.Task.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref Cancelled);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 26, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_FakeTime_RunsOnePassPerCronTick()
    {
        var h = new Harness();
        using var stop = new CancellationTokenSource();
        var run = h.Scheduler.RunAsync(stop.Token, CancellationToken.None);

        foreach (var minute in new[] { 5, 10, 15, 20 })
        {
            await h.AdvanceToAsync(At(8, minute));
            await Harness.EventuallyAsync(() => h.Ticks.Count == minute / 5, $"pass {minute / 5} did not run");
        }

        await h.WaitForLoopAsync(At(8, 25));
        await stop.CancelAsync();
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([At(8, 5), At(8, 10), At(8, 15), At(8, 20)], h.Ticks);
        Assert.Equal(new ScheduleSummary(4, 0, false), summary);
        Assert.Equal(1, h.MaxConcurrent);
    }

    [Fact]
    public async Task RunAsync_PassLongerThanTheInterval_SkipsTicksAndNeverOverlaps()
    {
        var h = new Harness(blockPasses: true);
        using var stop = new CancellationTokenSource();
        var run = h.Scheduler.RunAsync(stop.Token, CancellationToken.None);

        await h.AdvanceToAsync(At(8, 5));
        await Harness.EventuallyAsync(() => h.Blocked.Count == 1, "the first pass did not start");
        await h.AdvanceToAsync(At(8, 10));
        await h.AdvanceToAsync(At(8, 15));
        await h.WaitForLoopAsync(At(8, 20));
        Assert.True(h.Blocked.TryDequeue(out var first));
        h.BlockPasses = false;
        first.SetResult();
        await Harness.EventuallyAsync(() => h.Running == 0, "the first pass did not finish");
        await Task.Delay(100);
        await h.AdvanceToAsync(At(8, 20));
        await Harness.EventuallyAsync(() => h.Ticks.Count == 2, "the pass after the skipped ticks did not run");
        await h.WaitForLoopAsync(At(8, 25));
        await stop.CancelAsync();
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([At(8, 5), At(8, 20)], h.Ticks);
        Assert.Equal(new ScheduleSummary(2, 2, false), summary);
        Assert.Equal(2, h.Skips);
        Assert.Equal(1, h.MaxConcurrent);
        Assert.Equal(2, h.Log.Count(l => l.Contains("skipped: the previous pass is still running", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_StopDuringAPass_LetsItFinish()
    {
        var h = new Harness(blockPasses: true);
        using var stop = new CancellationTokenSource();
        var run = h.Scheduler.RunAsync(stop.Token, CancellationToken.None);
        await h.AdvanceToAsync(At(8, 5));
        await Harness.EventuallyAsync(() => h.Blocked.Count == 1, "the pass did not start");

        await stop.CancelAsync();
        await Task.Delay(100);
        Assert.False(run.IsCompleted, "the scheduler returned while its pass was still running");
        Assert.True(h.Blocked.TryDequeue(out var gate));
        gate.SetResult();
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new ScheduleSummary(1, 0, false), summary);
        Assert.Equal(0, h.Cancelled);
        Assert.Contains(h.Log, l => l.Contains("waiting for the running pass to finish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AbandonDuringAPass_CancelsIt()
    {
        var h = new Harness(blockPasses: true);
        using var stop = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();
        var run = h.Scheduler.RunAsync(stop.Token, abandon.Token);
        await h.AdvanceToAsync(At(8, 5));
        await Harness.EventuallyAsync(() => h.Blocked.Count == 1, "the pass did not start");

        await stop.CancelAsync();
        await abandon.CancelAsync();
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new ScheduleSummary(1, 0, true), summary);
        Assert.Equal(1, h.Cancelled);
    }

    [Fact]
    public void Schedule_TimeZone_TicksAtLocalTime()
    {
        var schedule = SweepSchedule.Parse("0 9 * * *", "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero))!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 7, 1, 6, 30, 0, TimeSpan.Zero))!.Value.ToUniversalTime());
    }

    [Fact]
    public void Schedule_SixFields_IncludesSeconds()
    {
        var schedule = SweepSchedule.Parse("*/30 * * * * *", null);

        Assert.Equal(Start.AddSeconds(30), schedule.Next(Start));
    }

    [Theory]
    [InlineData("every 5 minutes", null, "--schedule 'every 5 minutes'")]
    [InlineData("*/5 * * * *", "Mars/Olympus", "--time-zone 'Mars/Olympus': unknown time zone")]
    public void Schedule_BadInput_IsAClearError(string cron, string? zone, string message) =>
        Assert.Contains(message, Assert.Throws<UserInputException>(() => SweepSchedule.Parse(cron, zone)).Message, StringComparison.Ordinal);
}
