using System.Globalization;

namespace Orchestrator.Compliance.Scheduling;

/// <summary>
/// Runs a pass at every occurrence of a schedule, on an injected clock. It never overlaps itself: a tick that comes
/// while a pass is still running is skipped and logged. On <c>stop</c> it schedules nothing more and lets the running
/// pass finish; on <c>abandon</c> (a second signal, or the grace period running out) it cancels that pass, whose
/// history write is one transaction, so nothing half-written remains.
/// </summary>
internal sealed class SweepScheduler(SweepSchedule schedule, TimeProvider time, Func<DateTimeOffset, CancellationToken, Task> pass, Action<string> log, Action? onSkip = null)
{
    /// <summary>Called with the next tick just before the loop starts waiting for it (tests step fake time with it).</summary>
    internal Action<DateTimeOffset>? Waiting { get; init; }

    public async Task<ScheduleSummary> RunAsync(CancellationToken stop, CancellationToken abandon)
    {
        using var passCancel = CancellationTokenSource.CreateLinkedTokenSource(abandon);
        Task? running = null;
        var passes = 0;
        var skipped = 0;
        var last = time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            // Never from before the last tick: a timer that fires a little early must not run the same occurrence twice.
            var from = time.GetUtcNow();
            if (from < last)
            {
                from = last;
            }

            if (schedule.Next(from) is not { } next)
            {
                log($"schedule {schedule}: no further occurrences; stopping");
                break;
            }

            Waiting?.Invoke(next);
            try
            {
                var delay = next - time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }

            last = next;
            if (running is { IsCompleted: false })
            {
                skipped++;
                onSkip?.Invoke();
                log($"tick {Format(next)} skipped: the previous pass is still running");
                continue;
            }

            passes++;
            running = RunPassAsync(next, passCancel.Token);
        }

        var abandoned = false;
        if (running is { IsCompleted: false })
        {
            log("stopping: waiting for the running pass to finish (signal again to abandon it)");
            try
            {
                await running.WaitAsync(abandon);
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                abandoned = true;
                await passCancel.CancelAsync();
                log("stopping: abandoning the running pass; its results are not written");
                try
                {
                    await running;
                }
                catch (OperationCanceledException)
                {
                    // Expected: the pass saw the cancellation.
                }
            }
        }

        return new ScheduleSummary(passes, skipped, abandoned);
    }

    private async Task RunPassAsync(DateTimeOffset tick, CancellationToken cancellationToken)
    {
        // Let the loop go back to waiting before the pass does any work.
        await Task.Yield();
        try
        {
            await pass(tick, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One failed pass must not stop the daemon; the next tick tries again.
            log($"pass {Format(tick)} failed: {ex.Message}");
        }
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
