using Orchestrator.Core.Errors;
using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Run;

/// <summary><c>--step</c>: asks on the terminal before each task.</summary>
internal sealed class StepPrompt(IAnsiConsole console) : IStepPrompt
{
    public static StepPrompt Create(IAnsiConsole? terminal) =>
        terminal is not null && !Console.IsInputRedirected
            ? new StepPrompt(terminal)
            : throw new UserInputException("--step asks before each task and needs an interactive terminal");

    public StepAnswer Ask(string taskName)
    {
        var answer = console.Prompt(
            new TextPrompt<string>($"Perform task: TASK: {Markup.Escape(taskName)} (N)o/(y)es/(c)ontinue:")
                .DefaultValue("n")
                .ShowDefaultValue(false)
                .AllowEmpty());
        return answer.Trim().ToLowerInvariant() switch
        {
            "y" or "yes" => StepAnswer.Yes,
            "c" or "continue" => StepAnswer.Continue,
            _ => StepAnswer.No,
        };
    }
}

/// <summary>A live progress line per task (hosts done / hosts in the batch) under the normal output, on a terminal.</summary>
internal sealed class ProgressRunOutput(IRunOutput inner) : IRunOutput
{
    private readonly Lock _gate = new();
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _batchSize = 1;

    public static async Task<PlaybookRunResult> RunWithProgressAsync(IAnsiConsole console, PlaybookRunOptions options, IRunOutput text, CancellationToken cancellationToken)
    {
        var progress = new ProgressRunOutput(text);
        var withProgress = new PlaybookRunOptions
        {
            PlaybookPath = options.PlaybookPath,
            Inventory = options.Inventory,
            Connector = options.Connector,
            Modules = options.Modules,
            Limit = options.Limit,
            Tags = options.Tags,
            SkipTags = options.SkipTags,
            Check = options.Check,
            Diff = options.Diff,
            Forks = options.Forks,
            ExtraVars = options.ExtraVars,
            Output = progress,
            TimeProvider = options.TimeProvider,
            ForceHandlers = options.ForceHandlers,
            StartAtTask = options.StartAtTask,
            Step = options.Step,
            DetailedExitCode = options.DetailedExitCode,
            Redactor = options.Redactor,
            Secrets = options.Secrets,
        };
        PlaybookRunResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                progress.Attach(ctx);
                result = await PlaybookRunner.RunAsync(withProgress, cancellationToken);
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
