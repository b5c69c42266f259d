using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Modules.Builtin;
using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// Plans a module on a host, then applies the plan outside check mode; the exceptions a module throws to fail its
/// task become failed results (anything else is a bug and propagates).
/// </summary>
internal static class ModuleInvoker
{
    public static async Task<ItemResult> PlanAndApplyAsync(Module module, ModuleContext context, HostState host, bool check, CancellationToken cancellationToken)
    {
        ModulePlan plan;
        try
        {
            plan = await module.PlanAsync(context, cancellationToken);
        }
        catch (ModuleException ex)
        {
            return ItemResult.WithMessage(TaskOutcome.Failed, ex.Message);
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
                return new ItemResult(TaskOutcome.Failed, data, plan.Diffs, plan.Message);
            case PlanKind.NoChange:
                data["changed"] = false;
                data.TryAdd("msg", plan.Message);
                return WithFacts(new ItemResult(TaskOutcome.Ok, data, plan.Diffs, plan.Message));
        }

        if (check)
        {
            return Planned(plan, data, host);
        }

        ModuleResult applied;
        try
        {
            applied = await module.ApplyAsync(context, plan, cancellationToken);
        }
        catch (ModuleException ex)
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

    /// <summary>Check mode: the plan is the result; what it would touch is pending for later tasks.</summary>
    private static ItemResult Planned(ModulePlan plan, Dictionary<string, object?> data, HostState host)
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

    private static ItemResult WithFacts(ItemResult item)
    {
        if (item.Data.GetValueOrDefault(SetFactModule.FactsKey) is Dictionary<string, object?> facts)
        {
            item.Facts.Add(facts);
        }

        return item;
    }
}
