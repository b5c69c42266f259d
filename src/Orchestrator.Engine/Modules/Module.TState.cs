namespace Orchestrator.Engine.Modules;

/// <summary>
/// A module whose plan hands typed data to its apply step. <see cref="WouldChange"/> and <see cref="Unknown"/>
/// put a <typeparamref name="TState"/> in the plan, and the engine's call to apply arrives at
/// <see cref="ApplyAsync(ModuleContext, TState, ModulePlan, CancellationToken)"/> with it: no casts in module code.
/// </summary>
/// <typeparam name="TState">What planning found out and applying needs (the content to upload, the commands to run).</typeparam>
public abstract class Module<TState> : Module
    where TState : notnull
{
    /// <summary>Hands the plan's state to the typed apply step.</summary>
    /// <exception cref="InvalidOperationException">The plan was not made by this module's <see cref="WouldChange"/> or <see cref="Unknown"/>.</exception>
    public sealed override Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.State is TState state
            ? ApplyAsync(context, state, plan, cancellationToken)
            : throw new InvalidOperationException($"module '{Name}' was asked to apply a plan that carries no {typeof(TState).Name} (make would-change and unknown plans with its WouldChange and Unknown)");
    }

    /// <summary>
    /// Makes the change planned with <paramref name="state"/>; never called in check mode. The returned result
    /// carries the module's own message for what it did.
    /// </summary>
    protected abstract Task<ModuleResult> ApplyAsync(ModuleContext context, TState state, ModulePlan plan, CancellationToken cancellationToken);

    /// <summary>A would-change plan whose <paramref name="state"/> reaches the apply step.</summary>
    protected static ModulePlan WouldChange(
        string summary,
        TState state,
        IEnumerable<ModuleDiff>? diffs = null,
        IEnumerable<string>? touches = null,
        Dictionary<string, object?>? result = null,
        bool resultPredictable = true) =>
        ModulePlan.WouldChange(summary, diffs, touches, result, resultPredictable).WithState(state);

    /// <summary>An unknown plan (the effect cannot be predicted) whose <paramref name="state"/> reaches the apply step.</summary>
    protected static ModulePlan Unknown(string reason, TState state, IEnumerable<string>? touches = null) =>
        ModulePlan.Unknown(reason, touches).WithState(state);
}
