using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Modules.Builtin;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;
using Polly;
using Polly.Retry;

namespace Orchestrator.Engine.Execution;

/// <summary>The result of one task on one host.</summary>
internal sealed record HostTaskResult(TaskOutcome Outcome, Dictionary<string, object?> Result, bool Notifies, bool MaybeNotifies);

/// <summary>
/// Runs one task on one host: when, loop, argument rendering, plan, apply (outside check mode),
/// until/retries (Polly), changed_when/failed_when, register, notify, counters and output.
/// </summary>
internal sealed class TaskRunner(RunState run, PlayExecutor play)
{
    /// <summary>What <c>omit</c> renders to; an argument with this value is dropped.</summary>
    public const string OmitPlaceholder = "__omit_place_holder__orchestrator__";

    private const string NoLogMessage = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    /// <summary>Tags, --start-at-task and --step decide whether a task runs at all (a task filtered out prints nothing).</summary>
    public bool ShouldRun(TaskDefinition task)
    {
        if (task.IsHandler)
        {
            return true;
        }

        if (!TagsSelect(task.EffectiveTags, run.Options.Tags, run.Options.SkipTags))
        {
            return false;
        }

        if (run.WaitingForStartTask)
        {
            if (!string.Equals(task.Name, run.Options.StartAtTask, StringComparison.Ordinal))
            {
                return false;
            }

            run.WaitingForStartTask = false;
        }

        if (run.Options.Step is { } step && !run.StepContinue)
        {
            switch (step.Ask(task.DisplayName))
            {
                case StepAnswer.No:
                    return false;
                case StepAnswer.Continue:
                    run.StepContinue = true;
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

    public void AnnounceTask(TaskDefinition task) =>
        run.Output.TaskStarted(new TaskStartedEvent(play.Play.Name, task.DisplayName, task.ModuleName, task.IsHandler, task.Location.File, task.Location.Line, run.Time.GetUtcNow()));

    /// <summary>Check mode: a handler notified only by tasks with an unknown outcome is itself unknown.</summary>
    public void ReportUnknownHandler(TaskDefinition handler, HostState host)
    {
        host.Counters.AddUnknown();
        Emit(handler, host, TaskOutcome.Unknown, "notified by a task whose outcome is unknown in check mode", null, null, null, false, false, null, null, run.Time.GetTimestamp());
    }

    public async Task<HostTaskResult> RunAsync(TaskDefinition task, HostState host, bool rescuable, CancellationToken cancellationToken)
    {
        var start = run.Time.GetTimestamp();
        var check = task.EffectiveCheckMode ?? run.Options.Check;
        var diff = task.EffectiveDiff ?? run.Options.Diff;
        var noLog = task.EffectiveNoLog;
        var scope = play.BaseScope(host, task);
        string? delegateTo = null;
        HostTaskResult result;
        try
        {
            if (task.EffectiveDelegateTo is { } d)
            {
                delegateTo = run.Templates.RenderText(d.Text, scope, d.Location);
            }

            if (task.Loop is null)
            {
                var reads = new HashSet<string>(StringComparer.Ordinal);
                var when = EvaluateWhen(task, scope, reads, host, check);
                if (check && PendingVarsRead(host, reads) is { } pendingVar && when is not false)
                {
                    result = Finish(task, host, new ItemResult(TaskOutcome.Unknown, Data(msg: $"the condition uses '{pendingVar}', which is not known in check mode"), [], null), rescuable, delegateTo, check, diff, noLog, start, null);
                }
                else if (when is false)
                {
                    result = Finish(task, host, ItemResult.Skipped("Conditional result was False"), rescuable, delegateTo, check, diff, noLog, start, null);
                }
                else
                {
                    var item = await RunItemAsync(task, host, scope, check, diff, delegateTo, cancellationToken);
                    result = Finish(task, host, item, rescuable, delegateTo, check, diff, noLog, start, null);
                }
            }
            else
            {
                result = await RunLoopAsync(task, host, scope, check, diff, noLog, delegateTo, rescuable, start, cancellationToken);
            }
        }
        catch (HostUnreachableException ex)
        {
            result = Finish(task, host, new ItemResult(TaskOutcome.Unreachable, Data(msg: ex.Message), [], null), rescuable, delegateTo, check, diff, noLog, start, null);
        }
        catch (UserInputException ex)
        {
            // Template and argument errors on a host fail the task on that host, as in Ansible.
            result = Finish(task, host, new ItemResult(TaskOutcome.Failed, Data(msg: ex.Message), [], null), rescuable, delegateTo, check, diff, noLog, start, null);
        }

        return result;
    }

    /// <summary>run_once: the result (register, set_fact, notify) applies to every host of the batch, as in Ansible.</summary>
    public void ShareRunOnceResult(TaskDefinition task, HostTaskResult result, IEnumerable<HostState> others)
    {
        foreach (var host in others)
        {
            if (task.Register is { } register)
            {
                host.HostFacts[register] = PlainData.DeepCopy(result.Result);
            }

            if (task.ModuleName == "set_fact" && result.Result.GetValueOrDefault(SetFactModule.FactsKey) is Dictionary<string, object?> facts)
            {
                foreach (var (k, v) in facts)
                {
                    host.HostFacts[k] = PlainData.DeepCopy(v);
                }
            }

            Notify(task, host, result.Notifies, result.MaybeNotifies);
        }
    }

    private async Task<HostTaskResult> RunLoopAsync(TaskDefinition task, HostState host, VariableScope scope, bool check, bool diff, bool noLog, string? delegateTo, bool rescuable, long start, CancellationToken cancellationToken)
    {
        var items = task.Loop switch
        {
            List<object?> l => run.Templates.Render(l, scope, task.LoopLocation) as List<object?>,
            string s => run.Templates.Render(s, scope, task.LoopLocation) switch
            {
                List<object?> list => list,
                null => [],
                var other => throw new UserInputException($"the loop expression gives {PlainData.TypeName(other)}, not a list", task.LoopLocation),
            },
            _ => null,
        } ?? [];
        if (task.Loop is List<object?> && items.Count > 0 && task.Loop is List<object?> raw && raw.Count == 1 && items[0] is List<object?> nested && raw[0] is string)
        {
            // with_items: "{{ list }}" written as a one-element list flattens, as in Ansible.
            items = nested;
        }

        var results = new List<ItemResult>();
        foreach (var item in items)
        {
            var itemStart = run.Time.GetTimestamp();
            var itemScope = scope.With(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [task.LoopVar] = item,
                ["ansible_loop_var"] = task.LoopVar,
            });
            var label = Label(task, item, itemScope, noLog);
            ItemResult itemResult;
            try
            {
                var reads = new HashSet<string>(StringComparer.Ordinal);
                var when = EvaluateWhen(task, itemScope, reads, host, check);
                if (check && PendingVarsRead(host, reads) is { } pendingVar && when is not false)
                {
                    itemResult = new ItemResult(TaskOutcome.Unknown, Data(msg: $"the condition uses '{pendingVar}', which is not known in check mode"), [], null);
                }
                else if (when is false)
                {
                    itemResult = ItemResult.Skipped("Conditional result was False");
                }
                else
                {
                    itemResult = await RunItemAsync(task, host, itemScope, check, diff, delegateTo, cancellationToken);
                }
            }
            catch (UserInputException ex)
            {
                itemResult = new ItemResult(TaskOutcome.Failed, Data(msg: ex.Message), [], null);
            }

            itemResult.Data[task.LoopVar] = item;
            itemResult.Data["ansible_loop_var"] = task.LoopVar;
            results.Add(itemResult);
            Emit(task, host, itemResult.Outcome, itemResult.Message, diff ? DiffRenderer.Render(itemResult.Diffs) : null, itemResult.Data, label, true, noLog, delegateTo, itemResult.Attempts, itemStart);
            if (itemResult.Outcome == TaskOutcome.Unreachable)
            {
                break;
            }
        }

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

        var aggregate = new ItemResult(outcome, data, [], null) { ResultPredictable = results.All(r => r.ResultPredictable) };
        aggregate.Facts.AddRange(results.SelectMany(r => r.Facts));
        return Finish(task, host, aggregate, rescuable, delegateTo, check, diff, noLog, start, string.Empty);
    }

    private string Label(TaskDefinition task, object? item, VariableScope scope, bool noLog)
    {
        if (noLog)
        {
            return "(hidden: no_log)";
        }

        if (task.LoopLabel is { } label)
        {
            return run.Redactor.Redact(run.Templates.RenderText(label.Text, scope, label.Location));
        }

        // Values under secret-looking keys of an item are secrets too (ansible#38214).
        if (item is Dictionary<string, object?> d)
        {
            foreach (var (k, v) in d)
            {
                if (play.IsSecretVariable(k))
                {
                    play.AddSecretValues(v);
                }
            }
        }

        return run.Redactor.Redact(item is string s ? s : PlainData.ToJson(item));
    }

    /// <summary>True/false; null when check mode cannot decide because the condition uses a result not known yet.</summary>
    private bool? EvaluateWhen(TaskDefinition task, VariableScope scope, HashSet<string> reads, HostState host, bool check)
    {
        foreach (var condition in task.EffectiveWhen)
        {
            try
            {
                if (!run.Templates.EvaluateCondition(condition.Text, scope, condition.Location, n => reads.Add(n)))
                {
                    return check && PendingVarsRead(host, reads) is not null ? null : false;
                }
            }
            catch (UserInputException) when (check && PendingVarsRead(host, reads) is not null)
            {
                return null;
            }
        }

        return true;
    }

    private static string? PendingVarsRead(HostState host, IEnumerable<string> reads) =>
        reads.FirstOrDefault(host.PendingVars.Contains);

    /// <summary>Plan, apply, until/retries and changed_when/failed_when for one item (or the task without loop).</summary>
    private async Task<ItemResult> RunItemAsync(TaskDefinition task, HostState host, VariableScope scope, bool check, bool diff, string? delegateTo, CancellationToken cancellationToken)
    {
        run.Options.Modules.TryGet(task.ModuleName, out var module);
        var reads = new HashSet<string>(StringComparer.Ordinal);
        var args = RenderArguments(task, module, scope, reads);
        IHostConnection? connection = null;
        if (module.NeedsConnection)
        {
            connection = await ConnectionForAsync(host, delegateTo, cancellationToken);
        }

        var retries = task.Until is null ? 0 : IntegerKeyword(task.Retries, 3, scope, task, "retries");
        var delay = task.Until is null ? 0 : IntegerKeyword(task.Delay, 5, scope, task, "delay");
        var attempts = 0;

        async ValueTask<ItemResult> Attempt(CancellationToken ct)
        {
            attempts++;
            var services = new ModuleServices(run, scope, task.Location, reads, host.PendingResources);
            var context = new ModuleContext(delegateTo ?? host.Name, connection, args, services, check, diff, task.EffectiveBecome, task.EffectiveBecomeUser);
            var item = await PlanAndApplyAsync(module, context, host, check, ct);
            if (check && item.Outcome is TaskOutcome.Ok or TaskOutcome.Changed && PendingVarsRead(host, reads) is { } pendingVar)
            {
                // Facts computed from an unknown value are set, but stay unknown for later tasks.
                item = new ItemResult(TaskOutcome.Unknown, Data(msg: $"uses '{pendingVar}', which is not known in check mode"), item.Diffs, null)
                {
                    ResultPredictable = false,
                    Facts = item.Facts,
                };
            }

            ApplyConditions(task, item, scope, host, check);
            item.Attempts = task.Until is null ? null : attempts;
            if (task.Until is { } until && item.Outcome is not (TaskOutcome.Unknown or TaskOutcome.Unreachable))
            {
                item.Data["attempts"] = (long)attempts;
                var judged = scope.With(ResultLayer(task, item.Data));
                item.UntilSatisfied = run.Templates.EvaluateCondition(until.Text, judged, until.Location);
                if (!item.UntilSatisfied && check)
                {
                    item = new ItemResult(TaskOutcome.Unknown, Data(msg: $"'until: {until.Text}' does not hold yet; the real run would retry"), item.Diffs, null) { ResultPredictable = false };
                    item.UntilSatisfied = true;
                }
                else if (!item.UntilSatisfied)
                {
                    item.Outcome = TaskOutcome.Failed;
                    item.Message = $"retries exhausted after {attempts} attempt(s): 'until: {until.Text}' is still false";
                    item.Data["failed"] = true;
                    item.Data["msg"] = item.Message;
                }
            }

            return item;
        }

        if (task.Until is null || check || retries <= 0)
        {
            return await Attempt(cancellationToken);
        }

        var pipeline = new ResiliencePipelineBuilder<ItemResult> { TimeProvider = run.Time }
            .AddRetry(new RetryStrategyOptions<ItemResult>
            {
                MaxRetryAttempts = retries,
                Delay = TimeSpan.FromSeconds(delay),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = a => ValueTask.FromResult(a.Outcome.Result is { UntilSatisfied: false }),
            })
            .Build();
        return await pipeline.ExecuteAsync(Attempt, cancellationToken);
    }

    private async Task<ItemResult> PlanAndApplyAsync(Module module, ModuleContext context, HostState host, bool check, CancellationToken cancellationToken)
    {
        ModulePlan plan;
        try
        {
            plan = await module.PlanAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is ModuleFailedException or RemoteProbeException or XmlEditException or IOException or FormatException)
        {
            return new ItemResult(TaskOutcome.Failed, Data(msg: ex.Message), [], null);
        }

        if (check && plan.Kind is PlanKind.NoChange or PlanKind.WouldChange)
        {
            var pending = context.Reads.FirstOrDefault(host.PendingResources.Contains);
            if (pending is not null)
            {
                plan = ModulePlan.Unknown($"{(plan.Kind == PlanKind.WouldChange ? plan.Message + ", but " : string.Empty)}depends on {pending}, which an earlier task would change first (not applied in check mode)", plan.State, plan.Touches);
            }
        }

        var data = new Dictionary<string, object?>(plan.Result, StringComparer.Ordinal);
        switch (plan.Kind)
        {
            case PlanKind.Failed:
                data["failed"] = true;
                data["changed"] = false;
                data["msg"] = plan.Message;
                return new ItemResult(TaskOutcome.Failed, data, plan.Diffs, plan.Message) { Facts = { } };
            case PlanKind.NoChange:
                data["changed"] = false;
                data.TryAdd("msg", plan.Message);
                return FactsFrom(new ItemResult(TaskOutcome.Ok, data, plan.Diffs, plan.Message), data);
        }

        if (check)
        {
            data["changed"] = plan.Kind == PlanKind.WouldChange;
            data["msg"] = plan.Message;
            if (plan.Kind == PlanKind.Unknown)
            {
                data["unknown"] = true;
            }

            foreach (var touched in plan.Touches)
            {
                host.PendingResources.Add(touched);
            }

            return new ItemResult(plan.Kind == PlanKind.WouldChange ? TaskOutcome.Changed : TaskOutcome.Unknown, data, plan.Diffs, plan.Message)
            {
                ResultPredictable = plan.ResultPredictable,
            };
        }

        ModuleResult applied;
        try
        {
            applied = await module.ApplyAsync(context, plan, cancellationToken);
        }
        catch (Exception ex) when (ex is ModuleFailedException or RemoteProbeException or IOException)
        {
            applied = ModuleResult.Fail(ex.Message, plan.Result);
        }

        foreach (var (k, v) in applied.Data)
        {
            data[k] = v;
        }

        data["changed"] = applied.Changed;
        data["failed"] = applied.Failed;
        var message = applied.Message ?? plan.Message;
        data["msg"] = message;
        return new ItemResult(applied.Failed ? TaskOutcome.Failed : applied.Changed ? TaskOutcome.Changed : TaskOutcome.Ok, data, plan.Diffs, message);
    }

    private static ItemResult FactsFrom(ItemResult item, Dictionary<string, object?> data)
    {
        if (data.GetValueOrDefault(SetFactModule.FactsKey) is Dictionary<string, object?> facts)
        {
            item.Facts.Add(facts);
        }

        return item;
    }

    /// <summary>changed_when / failed_when, judged with the result visible under the register name.</summary>
    private void ApplyConditions(TaskDefinition task, ItemResult item, VariableScope scope, HostState host, bool check)
    {
        if (item.Outcome is TaskOutcome.Unknown or TaskOutcome.Unreachable or TaskOutcome.Skipped)
        {
            return;
        }

        if (task.ChangedWhen.Count == 0 && task.FailedWhen.Count == 0)
        {
            return;
        }

        var judged = scope.With(ResultLayer(task, item.Data));
        var reads = new HashSet<string>(StringComparer.Ordinal);
        if (task.ChangedWhen.Count > 0)
        {
            var changed = task.ChangedWhen.All(c => run.Templates.EvaluateCondition(c.Text, judged, c.Location, n => reads.Add(n)));
            if (check && !item.ResultPredictable && task.Register is { } reg && reads.Contains(reg))
            {
                item.Outcome = TaskOutcome.Unknown;
                item.Message = $"changed_when uses '{reg}', which is not known in check mode";
                item.Data["unknown"] = true;
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
            reads.Clear();
            var failed = task.FailedWhen.All(c => run.Templates.EvaluateCondition(c.Text, judged, c.Location, n => reads.Add(n)));
            if (check && !item.ResultPredictable && task.Register is { } reg && reads.Contains(reg))
            {
                item.Outcome = TaskOutcome.Unknown;
                item.Message = $"failed_when uses '{reg}', which is not known in check mode";
                item.Data["unknown"] = true;
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

        _ = host;
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

    private int IntegerKeyword(object? value, int fallback, VariableScope scope, TaskDefinition task, string name)
    {
        if (value is null)
        {
            return fallback;
        }

        var rendered = run.Templates.Render(value, scope, task.Location);
        return PlainData.TryToLong(rendered, out var l) && l >= 0
            ? (int)Math.Min(l, 100_000)
            : throw new UserInputException($"'{name}' must be a non-negative integer, but is {PlainData.ToText(rendered)}", task.Location);
    }

    private ModuleArguments RenderArguments(TaskDefinition task, Module module, VariableScope scope, HashSet<string> reads)
    {
        var rendered = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, raw) in task.Args)
        {
            var at = task.ArgLocations.GetValueOrDefault(name, task.ModuleLocation);
            var value = run.Templates.Render(raw, scope, at, n => reads.Add(n));
            if (value is string s && s == OmitPlaceholder)
            {
                continue;
            }

            if (module.Arguments.TryGet(name, out var def) && def.Secret)
            {
                play.AddSecretValues(value);
            }

            rendered[name] = value;
        }

        return new ModuleArguments(module.Name, module.Arguments, rendered, task.ModuleLocation);
    }

    private async Task<IHostConnection> ConnectionForAsync(HostState host, string? delegateTo, CancellationToken cancellationToken)
    {
        if (delegateTo is null || delegateTo == host.Name)
        {
            return await play.ConnectAsync(host, cancellationToken);
        }

        if (run.Inventory.FindHost(delegateTo) is { } target)
        {
            return await run.Connections.GetAsync(target.Name, play.ConnectionVariables(target.Variables), cancellationToken);
        }

        if (delegateTo is "localhost" or "127.0.0.1")
        {
            return await run.Connections.GetAsync(
                "localhost",
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_connection"] = "local", ["ansible_host"] = "localhost" },
                cancellationToken);
        }

        throw new UserInputException($"delegate_to '{delegateTo}' is neither an inventory host nor localhost");
    }

    /// <summary>Counts the result, registers it, notifies handlers, records check-mode pending state and emits output.</summary>
    private HostTaskResult Finish(TaskDefinition task, HostState host, ItemResult item, bool rescuable, string? delegateTo, bool check, bool diff, bool noLog, long start, string? loopMarker)
    {
        var data = item.Data;
        data.TryAdd("changed", item.Outcome == TaskOutcome.Changed);
        if (item.Outcome == TaskOutcome.Skipped)
        {
            data["skipped"] = true;
            data.TryAdd("skip_reason", item.Message);
        }

        if (item.Outcome == TaskOutcome.Failed)
        {
            data["failed"] = true;
        }

        if (item.Outcome == TaskOutcome.Unreachable)
        {
            data["unreachable"] = true;
        }

        var ignored = false;
        var counters = host.Counters;
        switch (item.Outcome)
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
            case TaskOutcome.Unreachable when task.EffectiveIgnoreUnreachable:
                counters.AddIgnored();
                ignored = true;
                break;
            case TaskOutcome.Unreachable:
                counters.AddUnreachable();
                host.Unreachable = true;
                break;
            case TaskOutcome.Failed when task.EffectiveIgnoreErrors:
                counters.AddOk();
                counters.AddIgnored();
                ignored = true;
                break;
            case TaskOutcome.Failed:
                if (!rescuable)
                {
                    counters.AddFailed();
                }

                host.Failed = true;
                break;
        }

        if (item.Outcome is not TaskOutcome.Unreachable && task.Register is { } register)
        {
            host.HostFacts[register] = data;
            if (check && (item.Outcome == TaskOutcome.Unknown || (item.Outcome == TaskOutcome.Changed && !item.ResultPredictable)))
            {
                host.PendingVars.Add(register);
            }
            else
            {
                host.PendingVars.Remove(register);
            }
        }

        foreach (var facts in item.Facts)
        {
            foreach (var (k, v) in facts)
            {
                host.HostFacts[k] = v;
                if (item.Outcome == TaskOutcome.Unknown)
                {
                    host.PendingVars.Add(k);
                }
                else
                {
                    host.PendingVars.Remove(k);
                }

                if (play.IsSecretVariable(k))
                {
                    play.AddSecretValues(v);
                }
            }
        }

        var notifies = item.Outcome == TaskOutcome.Changed;
        var maybe = check && item.Outcome == TaskOutcome.Unknown;
        Notify(task, host, notifies, maybe);
        Emit(task, host, item.Outcome, item.Message, diff && loopMarker is null ? DiffRenderer.Render(item.Diffs) : null, data, null, loopMarker is not null, noLog, delegateTo, item.Attempts, start, ignored, rescuable && item.Outcome == TaskOutcome.Failed);

        return new HostTaskResult(item.Outcome, data, notifies, maybe);
    }

    private void Notify(TaskDefinition task, HostState host, bool definitely, bool maybe)
    {
        if (task.Notify.Count == 0 || (!definitely && !maybe))
        {
            return;
        }

        foreach (var handler in play.Play.Handlers)
        {
            if (task.Notify.Any(n => n == handler.Name || handler.Listen.Contains(n)))
            {
                if (definitely)
                {
                    host.Notified.Add(handler);
                }
                else
                {
                    host.MaybeNotified.Add(handler);
                }
            }
        }
    }

    private void Emit(TaskDefinition task, HostState host, TaskOutcome outcome, string? message, string? diff, Dictionary<string, object?>? data, string? item, bool isLoop, bool noLog, string? delegateTo, int? attempts, long start, bool ignored = false, bool rescued = false)
    {
        var redactedMessage = noLog ? NoLogMessage : message is null ? null : run.Redactor.Redact(message);
        var redactedDiff = noLog || diff is null ? null : run.Redactor.Redact(diff);
        var result = noLog || data is null ? null : (IReadOnlyDictionary<string, object?>?)Redact(data);
        run.Output.TaskResult(new TaskResultEvent(
            host.Name, play.Play.Name, task.DisplayName, task.ModuleName, outcome, redactedMessage, redactedDiff, result, item, isLoop, ignored, rescued,
            task.IsHandler, delegateTo, attempts, noLog, run.Time.GetElapsedTime(start), run.Time.GetUtcNow()));
    }

    private object? Redact(object? value) => value switch
    {
        string s => run.Redactor.Redact(s),
        Secret => Secret.Redacted,
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Redact(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(Redact).ToList(),
        _ => value,
    };

    private static Dictionary<string, object?> Data(string msg) => new(StringComparer.Ordinal) { ["msg"] = msg };

    /// <summary>One item's (or a loop-less task's) result.</summary>
    private sealed class ItemResult(TaskOutcome outcome, Dictionary<string, object?> data, IReadOnlyList<ModuleDiff> diffs, string? message)
    {
        public TaskOutcome Outcome { get; set; } = outcome;

        public Dictionary<string, object?> Data { get; } = data;

        public IReadOnlyList<ModuleDiff> Diffs { get; } = diffs;

        public string? Message { get; set; } = message ?? data.GetValueOrDefault("msg") as string;

        public bool ResultPredictable { get; init; } = true;

        public bool UntilSatisfied { get; set; } = true;

        public int? Attempts { get; set; }

        public List<Dictionary<string, object?>> Facts { get; init; } = [];

        public static ItemResult Skipped(string reason) =>
            new(TaskOutcome.Skipped, new Dictionary<string, object?>(StringComparer.Ordinal) { ["skip_reason"] = reason, ["changed"] = false }, [], reason);
    }

    /// <summary>What modules reach through <see cref="ModuleContext"/>.</summary>
    private sealed class ModuleServices(RunState run, VariableScope scope, SourceLocation location, HashSet<string> reads, HashSet<string> pending) : IModuleServices
    {
        public TimeProvider TimeProvider => run.Time;

        public SecretRedactor Redactor => run.Redactor;

        public IReadOnlyCollection<string> PendingChanges => pending;

        public bool EvaluateCondition(string expression) => run.Templates.EvaluateCondition(expression, scope, location, n => reads.Add(n));

        public object? EvaluateExpression(string expression) => run.Templates.EvaluateExpression(expression, scope, location, n => reads.Add(n));

        public string RenderTemplateFile(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"cannot read template '{path}': {ex.Message}", location);
            }

            return run.Templates.RenderFile(text, path, scope, n => reads.Add(n));
        }

        public string ResolveLocalPath(string path, string subdirectory)
        {
            if (Path.IsPathRooted(path))
            {
                return File.Exists(path) ? path : throw new UserInputException($"'{path}' does not exist on the controller", location);
            }

            var candidates = new[] { Path.Combine(run.Playbook.Directory, subdirectory, path), Path.Combine(run.Playbook.Directory, path) };
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new UserInputException($"'{path}' not found (looked at {string.Join(" and ", candidates)})", location);
        }

        public bool TryGetVariable(string name, out object? value)
        {
            reads.Add(name);
            return scope.TryGet(name, out value, out _);
        }
    }
}
