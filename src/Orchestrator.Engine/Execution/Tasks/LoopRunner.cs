using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;
using Orchestrator.Engine.Templating.Lookups;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary><c>loop</c>/<c>with_items</c>: each item in its own scope, reported on its own line, then one summary result.</summary>
internal sealed class LoopRunner(PlayContext play, ItemRunner items, TaskEvents events, ResultRecorder recorder)
{
    public async Task<HostTaskResult> RunAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var task = invocation.Task;
        var results = new List<ItemResult>();
        var index = 0L;
        foreach (var item in Items(play.Run.Templates, invocation))
        {
            var loopVariables = Variables(task, item, index++);
            var itemInvocation = invocation with
            {
                Start = play.Run.Time.GetTimestamp(),
                Scope = invocation.Scope.With(loopVariables),
            };
            var label = Label(itemInvocation, item);
            var itemResult = await items.RunWhenAsync(itemInvocation, cancellationToken);
            foreach (var (k, v) in loopVariables)
            {
                itemResult.Data[k] = v;
            }

            results.Add(itemResult);
            events.LoopItem(itemInvocation, itemResult, label);
            if (itemResult.Outcome == TaskOutcome.Unreachable)
            {
                break;
            }
        }

        return recorder.Record(invocation, Summary(results), loopSummary: true);
    }

    /// <summary>The variables an item sets: the loop variable and, with <c>index_var</c>, the item's index (as Ansible's results carry them).</summary>
    public static Dictionary<string, object?> Variables(TaskDefinition task, object? item, long index)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [task.LoopVar] = item,
            ["ansible_loop_var"] = task.LoopVar,
        };
        if (task.IndexVar is { } indexVar)
        {
            variables[indexVar] = index;
            variables["ansible_index_var"] = indexVar;
        }

        return variables;
    }

    /// <summary>The loop's items, rendered in the task's scope (also for include_tasks/include_role loops).</summary>
    public static List<object?> Items(TemplateEngine templates, TaskInvocation invocation)
    {
        var task = invocation.Task;
        var rendered = templates.Render(task.Loop, invocation.Scope, task.LoopLocation);
        if (task.LoopWith is { } lookup)
        {
            // with_NAME: the rendered terms (a single value becomes a one-term list) through the lookup, as Ansible does.
            try
            {
                var terms = rendered as List<object?> ?? [rendered];
                return LookupPlugins.Run(lookup, terms, new Dictionary<string, object?>(StringComparer.Ordinal), templates.LookupScope(invocation.Scope, task.LoopLocation), LookupHost.Current);
            }
            catch (Exception ex) when (ex is LookupException or TemplateEvaluationException)
            {
                throw new UserInputException($"with_{lookup}: {ex.Message}", task.LoopLocation);
            }
        }

        return rendered switch
        {
            List<object?> list => list,
            null => [],
            var other => throw new UserInputException($"the loop expression gives {PlainData.TypeName(other)}, not a list", task.LoopLocation),
        };
    }

    private string Label(TaskInvocation item, object? value)
    {
        if (item.NoLog)
        {
            return "(hidden: no_log)";
        }

        var redactor = play.Run.Redactor;
        if (item.Task.LoopLabel is { } label)
        {
            return redactor.Redact(play.Run.Templates.RenderText(label.Text, item.Scope, label.Location));
        }

        // Values under secret-looking keys of an item are secrets too (ansible#38214).
        if (value is Dictionary<string, object?> d)
        {
            play.Secrets.AddVariables(d);
        }

        return redactor.Redact(value is string s ? s : PlainData.ToJson(value));
    }

    /// <summary>The loop's result: the worst outcome of its items, and their results under <c>results</c>.</summary>
    private static ItemResult Summary(List<ItemResult> results)
    {
        var outcome = results.Count == 0 ? TaskOutcome.Skipped
            : results.Any(r => r.Outcome == TaskOutcome.Unreachable) ? TaskOutcome.Unreachable
            : results.Any(r => r.Outcome == TaskOutcome.Failed) ? TaskOutcome.Failed
            : results.Any(r => r.Outcome == TaskOutcome.Unknown) ? TaskOutcome.Unknown
            : results.Any(r => r.Outcome == TaskOutcome.Changed) ? TaskOutcome.Changed
            : results.All(r => r.Outcome == TaskOutcome.Skipped) ? TaskOutcome.Skipped
            : TaskOutcome.Ok;
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["results"] = results.Select(r => (object?)r.Data).ToList(),
            ["changed"] = results.Any(r => r.Outcome == TaskOutcome.Changed),
            ["failed"] = outcome == TaskOutcome.Failed,
            ["skipped"] = outcome == TaskOutcome.Skipped,
            ["msg"] = outcome == TaskOutcome.Failed ? "One or more items failed" : results.Count == 0 ? "No items in the list" : "All items completed",
        };
        if (outcome == TaskOutcome.Unknown)
        {
            data["unknown"] = true;
        }

        var summary = new ItemResult(outcome, data, [], null) { ResultPredictable = results.All(r => r.ResultPredictable) };
        summary.Facts.AddRange(results.SelectMany(r => r.Facts));
        return summary;
    }
}
