using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// A task's conditions: <c>when</c> before it runs; <c>changed_when</c>, <c>failed_when</c> and <c>until</c> on its
/// result, judged with the result visible under the register name. In check mode, a condition that reads a value
/// not known yet makes the outcome unknown instead of guessing.
/// </summary>
internal sealed class TaskConditions(TemplateEngine templates)
{
    /// <summary>True/false; null when check mode cannot decide because the condition uses a result not known yet.</summary>
    public bool? When(TaskInvocation invocation, HashSet<string> reads)
    {
        foreach (var condition in invocation.Task.EffectiveWhen)
        {
            try
            {
                if (!templates.EvaluateCondition(condition.Text, invocation.Scope, condition.Location, n => reads.Add(n)))
                {
                    return invocation.Check && PendingVarRead(invocation.Host, reads) is not null ? null : false;
                }
            }
            catch (UserInputException) when (invocation.Check && PendingVarRead(invocation.Host, reads) is not null)
            {
                return null;
            }
        }

        return true;
    }

    /// <summary>Check mode: the first variable read whose value is not known yet.</summary>
    public static string? PendingVarRead(HostState host, IEnumerable<string> reads) =>
        reads.FirstOrDefault(host.PendingVars.Contains);

    /// <summary>changed_when / failed_when override the module's outcome.</summary>
    public void ApplyChangedFailedWhen(TaskInvocation invocation, ItemResult item)
    {
        var task = invocation.Task;
        if (item.Outcome is TaskOutcome.Unknown or TaskOutcome.Unreachable or TaskOutcome.Skipped)
        {
            return;
        }

        if (task.ChangedWhen.Count == 0 && task.FailedWhen.Count == 0)
        {
            return;
        }

        var judged = invocation.Scope.With(ResultLayer(task, item.Data));
        if (task.ChangedWhen.Count > 0)
        {
            if (Judge(invocation, item, task.ChangedWhen, judged, "changed_when") is not { } changed)
            {
                return;
            }

            item.Data["changed"] = changed;
            if (item.Outcome != TaskOutcome.Failed)
            {
                item.Outcome = changed ? TaskOutcome.Changed : TaskOutcome.Ok;
            }
        }

        if (task.FailedWhen.Count > 0)
        {
            if (Judge(invocation, item, task.FailedWhen, judged, "failed_when") is not { } failed)
            {
                return;
            }

            item.Data["failed"] = failed;
            if (failed)
            {
                item.Outcome = TaskOutcome.Failed;
                item.Message ??= "failed_when condition is true";
                item.Data["failed_when_result"] = true;
            }
            else if (item.Outcome == TaskOutcome.Failed)
            {
                item.Outcome = item.Data.GetValueOrDefault("changed") is true ? TaskOutcome.Changed : TaskOutcome.Ok;
            }
        }
    }

    /// <summary>until: records the attempt and whether the condition holds; exhausted retries fail, check mode reports unknown.</summary>
    public ItemResult ApplyUntil(TaskInvocation invocation, ItemResult item, int attempts)
    {
        var task = invocation.Task;
        item.Attempts = task.Until is null ? null : attempts;
        if (task.Until is not { } until || item.Outcome is TaskOutcome.Unknown or TaskOutcome.Unreachable)
        {
            return item;
        }

        item.Data["attempts"] = (long)attempts;
        item.UntilSatisfied = templates.EvaluateCondition(until.Text, invocation.Scope.With(ResultLayer(task, item.Data)), until.Location);
        if (!item.UntilSatisfied && invocation.Check)
        {
            return new ItemResult(TaskOutcome.Unknown, ItemResult.MessageData($"'until: {until.Text}' does not hold yet; the real run would retry"), item.Diffs, null)
            {
                ResultPredictable = false,
                UntilSatisfied = true,
            };
        }

        if (!item.UntilSatisfied)
        {
            item.Outcome = TaskOutcome.Failed;
            item.Message = $"retries exhausted after {attempts} attempt(s): 'until: {until.Text}' is still false";
            item.Data["failed"] = true;
            item.Data["msg"] = item.Message;
        }

        return item;
    }

    /// <summary>
    /// All conditions of a list; null when check mode made the item unknown because they read the registered
    /// result, which a change not applied would differ from.
    /// </summary>
    private bool? Judge(TaskInvocation invocation, ItemResult item, List<Expression> conditions, VariableScope judged, string keyword)
    {
        var reads = new HashSet<string>(StringComparer.Ordinal);
        var holds = conditions.All(c => templates.EvaluateCondition(c.Text, judged, c.Location, n => reads.Add(n)));
        if (invocation.Check && !item.ResultPredictable && invocation.Task.Register is { } register && reads.Contains(register))
        {
            item.Outcome = TaskOutcome.Unknown;
            item.Message = $"{keyword} uses '{register}', which is not known in check mode";
            item.Data["unknown"] = true;
            return null;
        }

        return holds;
    }

    private static Dictionary<string, object?> ResultLayer(TaskDefinition task, Dictionary<string, object?> data)
    {
        var layer = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (task.Register is { } register)
        {
            layer[register] = data;
        }

        return layer;
    }
}
