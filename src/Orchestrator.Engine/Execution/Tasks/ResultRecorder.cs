using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules.Builtin;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// Records a task's result on its host: the recap counters, register and set_fact into the host's facts,
/// check mode's pending variables, handler notifications, and the event.
/// </summary>
internal sealed class ResultRecorder(PlayContext play, TaskEvents events)
{
    /// <param name="loopSummary">The result sums up a loop whose items were already reported.</param>
    public HostTaskResult Record(TaskInvocation invocation, ItemResult item, bool loopSummary)
    {
        var data = item.Data;
        MarkOutcome(item);
        var ignored = Count(invocation, item);
        var host = invocation.Host;
        if (item.Outcome is not TaskOutcome.Unreachable && invocation.Task.Register is { } register)
        {
            host.HostFacts[register] = data;
            SetPending(host, register, invocation.Check && (item.Outcome == TaskOutcome.Unknown || (item.Outcome == TaskOutcome.Changed && !item.ResultPredictable)));
        }

        if (item.Outcome == TaskOutcome.Failed && invocation.Rescuable && !ignored)
        {
            // Ansible's facts for the rescue and always sections: the failed task and its result.
            host.HostFacts["ansible_failed_task"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = invocation.Task.Name ?? string.Empty,
                ["action"] = invocation.Task.ModuleName,
            };
            host.HostFacts["ansible_failed_result"] = data;
        }

        var store = StoreFor(invocation.Task, host);
        foreach (var facts in item.Facts)
        {
            foreach (var (k, v) in facts)
            {
                store[k] = v;
                SetPending(host, k, item.Outcome == TaskOutcome.Unknown);
            }

            play.Secrets.AddVariables(facts);
        }

        var notifies = item.Outcome == TaskOutcome.Changed;
        var maybe = invocation.Check && item.Outcome == TaskOutcome.Unknown;
        HandlerNotifier.Notify(play.Play, invocation.Task, host, notifies, maybe);
        events.Result(invocation, item, loopSummary, ignored, rescued: invocation.Rescuable && item.Outcome == TaskOutcome.Failed);
        return new HostTaskResult(item.Outcome, data, notifies, maybe);
    }

    /// <summary>A result that is reported but not counted in the recap: an include_role reached on a host (Ansible counts none).</summary>
    /// <summary>Counts a result in the recap without an event (a looped include's further files: one event per host, as Ansible).</summary>
    public void CountUnreported(TaskInvocation invocation, ItemResult item)
    {
        MarkOutcome(item);
        Count(invocation, item);
    }

    public void ReportUncounted(TaskInvocation invocation, ItemResult item)
    {
        MarkOutcome(item);
        events.Result(invocation, item, loopSummary: false, ignored: false, rescued: false);
    }

    /// <summary>run_once: the result (register, set_fact, notify) applies to every host of the batch, as in Ansible.</summary>
    public void ShareRunOnce(TaskDefinition task, HostTaskResult result, IEnumerable<HostState> others)
    {
        foreach (var host in others)
        {
            if (task.Register is { } register)
            {
                host.HostFacts[register] = PlainData.DeepCopy(result.Result);
            }

            if (task.ModuleName is "set_fact" or IncludeVarsModule.ModuleName && result.Result.GetValueOrDefault(SetFactModule.FactsKey) is Dictionary<string, object?> facts)
            {
                var store = StoreFor(task, host);
                foreach (var (k, v) in facts)
                {
                    store[k] = PlainData.DeepCopy(v);
                }
            }

            HandlerNotifier.Notify(play.Play, task, host, result.Notifies, result.MaybeNotifies);
        }
    }

    // include_vars has its own level, below set_fact; set_fact and register share theirs.
    private static System.Collections.Concurrent.ConcurrentDictionary<string, object?> StoreFor(TaskDefinition task, HostState host) =>
        task.ModuleName == IncludeVarsModule.ModuleName ? host.IncludedVars : host.HostFacts;

    /// <summary>Check mode: a handler notified only by tasks with an unknown outcome is itself unknown.</summary>
    public void UnknownHandler(TaskDefinition handler, HostState host)
    {
        host.Counters.AddUnknown();
        events.UnknownHandler(handler, host, "notified by a task whose outcome is unknown in check mode");
    }

    /// <summary>The flags Ansible's results carry for the outcome.</summary>
    private static void MarkOutcome(ItemResult item)
    {
        var data = item.Data;
        data.TryAdd("changed", item.Outcome == TaskOutcome.Changed);
        switch (item.Outcome)
        {
            case TaskOutcome.Skipped:
                data["skipped"] = true;
                data.TryAdd("skip_reason", item.Message);
                break;
            case TaskOutcome.Failed:
                data["failed"] = true;
                break;
            case TaskOutcome.Unreachable:
                data["unreachable"] = true;
                break;
        }
    }

    /// <summary>Counts the outcome in the recap and marks a host failed or unreachable; true when the failure is ignored.</summary>
    private static bool Count(TaskInvocation invocation, ItemResult item)
    {
        var outcome = item.Outcome;
        var host = invocation.Host;
        var counters = host.Counters;
        switch (outcome)
        {
            case TaskOutcome.Ok:
                counters.AddOk();
                break;
            case TaskOutcome.Changed:
                counters.AddOk();
                counters.AddChanged();
                break;
            case TaskOutcome.Skipped:
                counters.AddSkipped();
                break;
            case TaskOutcome.Unknown:
                counters.AddUnknown();
                break;
            case TaskOutcome.Unreachable when invocation.Task.EffectiveIgnoreUnreachable:
                counters.AddIgnored();
                return true;
            case TaskOutcome.Unreachable:
                counters.AddUnreachable();
                host.Unreachable = true;
                break;
            case TaskOutcome.Failed when invocation.Task.EffectiveIgnoreErrors:
                counters.AddOk();
                counters.AddIgnored();

                // Ansible counts an ignored failure whose result says changed (a failed command) as changed too.
                if (item.Data.GetValueOrDefault("changed") is true)
                {
                    counters.AddChanged();
                }

                return true;
            case TaskOutcome.Failed:
                if (!invocation.Rescuable)
                {
                    counters.AddFailed();
                }

                host.Failed = true;
                break;
        }

        return false;
    }

    /// <summary>Check mode: a variable whose real value cannot be known makes later tasks that read it unknown.</summary>
    private static void SetPending(HostState host, string name, bool pending)
    {
        if (pending)
        {
            host.PendingVars.Add(name);
        }
        else
        {
            host.PendingVars.Remove(name);
        }
    }
}
