using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// Whether a task runs at all: <c>--tags</c>/<c>--skip-tags</c>, <c>--start-at-task</c> and <c>--step</c>. A task
/// filtered out prints nothing. One per run: the start-at-task and step answers carry across plays.
/// </summary>
internal sealed class TaskFilter(PlaybookRunOptions options)
{
    private readonly StartAtTaskPattern? _startAt = options.StartAtTask is { } start ? new(start) : null;
    private bool _waitingForStartTask = options.StartAtTask is not null;
    private bool _stepContinue;

    public bool ShouldRun(TaskDefinition task)
    {
        if (task.IsHandler)
        {
            return true;
        }

        if (!TagsSelect(task.EffectiveTags, options.Tags, options.SkipTags))
        {
            return false;
        }

        if (_waitingForStartTask)
        {
            if (_startAt?.Matches(task) == false)
            {
                return false;
            }

            _waitingForStartTask = false;
        }

        if (options.Step is { } step && !_stepContinue)
        {
            switch (step.Ask(task.DisplayName))
            {
                case StepAnswer.No:
                    return false;
                case StepAnswer.Continue:
                    _stepContinue = true;
                    break;
            }
        }

        return true;
    }

    /// <summary>Ansible's tag rules: always runs unless skipped by name, never runs only when asked for.</summary>
    public static bool TagsSelect(IReadOnlySet<string> taskTags, IReadOnlyList<string> only, IReadOnlyList<string> skip)
    {
        if (skip.Count > 0)
        {
            if (skip.Contains("all") || taskTags.Any(skip.Contains) || (skip.Contains("tagged") && taskTags.Count > 0) || (skip.Contains("untagged") && taskTags.Count == 0))
            {
                return false;
            }
        }

        var selecting = only.Count > 0 && !(only.Count == 1 && only[0] == "all");
        if (taskTags.Contains("never"))
        {
            return selecting && taskTags.Any(t => only.Contains(t));
        }

        if (!selecting)
        {
            return true;
        }

        return taskTags.Contains("always")
            || taskTags.Any(only.Contains)
            || (only.Contains("tagged") && taskTags.Count > 0)
            || (only.Contains("untagged") && taskTags.Count == 0)
            || only.Contains("all");
    }
}
