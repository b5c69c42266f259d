using Orchestrator.Core.Errors;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary><c>loop</c>/<c>with_items</c>: each item in its own scope, reported on its own line, then one summary result.</summary>
internal sealed class LoopRunner(PlayContext play, ItemRunner items, TaskEvents events, ResultRecorder recorder)
{
    public async Task<HostTaskResult> RunAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var task = invocation.Task;
        var results = new List<ItemResult>();
        foreach (var item in Items(play.Run.Templates, invocation))
        {
            var itemInvocation = invocation with
            {
                Start = play.Run.Time.GetTimestamp(),
                Scope = invocation.Scope.With(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [task.LoopVar] = item,
                    ["ansible_loop_var"] = task.LoopVar,
                }),
            };
            var label = Label(itemInvocation, item);
            var itemResult = await items.RunWhenAsync(itemInvocation, cancellationToken);
            itemResult.Data[task.LoopVar] = item;
            itemResult.Data["ansible_loop_var"] = task.LoopVar;
            results.Add(itemResult);
            events.LoopItem(itemInvocation, itemResult, label);
            if (itemResult.Outcome == TaskOutcome.Unreachable)
            {
                break;
            }
        }

        return recorder.Record(invocation, Summary(results), loopSummary: true);
    }

    /// <summary>The loop's items, rendered in the task's scope (also for include_tasks/include_role loops).</summary>
    public static List<object?> Items(TemplateEngine templates, TaskInvocation invocation)
    {
        var task = invocation.Task;
        var items = task.Loop switch
        {
            List<object?> l => templates.Render(l, invocation.Scope, task.LoopLocation) as List<object?>,
            string s => templates.Render(s, invocation.Scope, task.LoopLocation) switch
            {
                List<object?> list => list,
                null => [],
                var other => throw new UserInputException($"the loop expression gives {PlainData.TypeName(other)}, not a list", task.LoopLocation),
            },
            _ => null,
        } ?? [];
        if (task.Loop is List<object?> raw && items.Count > 0 && raw.Count == 1 && items[0] is List<object?> nested && raw[0] is string)
        {
            // with_items: "{{ list }}" written as a one-element list flattens, as in Ansible.
            items = nested;
        }

        return items;
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
