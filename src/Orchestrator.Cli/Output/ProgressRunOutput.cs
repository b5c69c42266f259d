using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>A live progress line per task (hosts done / hosts in the batch) under the normal output, on a terminal.</summary>
internal sealed class ProgressRunOutput(IRunOutput inner, IAnsiConsole console) : IRunOutput
{
    private readonly Lock _gate = new();
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _batchSize = 1;

    /// <summary>Runs <paramref name="run"/> (whose output is this) under a live progress display that clears itself.</summary>
    public async Task<PlaybookRunResult> RunAsync(Func<Task<PlaybookRunResult>> run)
    {
        PlaybookRunResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                Attach(ctx);
                result = await run();
            });
        return result!;
    }

    private void Attach(ProgressContext context)
    {
        lock (_gate)
        {
            _context = context;
        }
    }

    public void PlaybookStarted(PlaybookStartedEvent e) => inner.PlaybookStarted(e);

    public void PlayStarted(PlayStartedEvent e)
    {
        lock (_gate)
        {
            _batchSize = Math.Max(1, e.BatchHosts.Count);
        }

        inner.PlayStarted(e);
    }

    public void TaskStarted(TaskStartedEvent e)
    {
        inner.TaskStarted(e);
        lock (_gate)
        {
            _task?.StopTask();
            _task = _context?.AddTask(Markup.Escape(e.Task.Length > 40 ? e.Task[..40] : e.Task), maxValue: _batchSize);
        }
    }

    public void TaskResult(TaskResultEvent e)
    {
        inner.TaskResult(e);
        if (e.Item is null)
        {
            lock (_gate)
            {
                _task?.Increment(1);
            }
        }
    }

    public void Warning(string message) => inner.Warning(message);

    public void Recap(RecapEvent e)
    {
        lock (_gate)
        {
            _task?.StopTask();
        }

        inner.Recap(e);
    }
}
