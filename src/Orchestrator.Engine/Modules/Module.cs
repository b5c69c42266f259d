namespace Orchestrator.Engine.Modules;

/// <summary>
/// A task module. The engine calls <see cref="PlanAsync"/> on every host: it reads facts through the
/// connection and returns no change, would change (with a diff) or unknown, without changing anything.
/// Outside check mode the engine then calls <see cref="ApplyAsync"/> for plans that would (or might) change.
/// A module that hands data from planning to applying derives from <see cref="Module{TState}"/> instead.
/// Register extra modules in a <see cref="ModuleRegistry"/>; see docs/modules.md ("Writing a module").
/// </summary>
public abstract class Module
{
    /// <summary>The name tasks use (<c>template</c>, <c>fs_cli</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Other names for the module (<c>ansible.builtin.template</c> is accepted automatically).</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>Argument names and types, checked when the playbook is loaded.</summary>
    public abstract ModuleArgumentSpec Arguments { get; }

    /// <summary>False for modules that run on the controller only (debug, set_fact, assert, fail): no connection is opened.</summary>
    public virtual bool NeedsConnection => true;

    /// <summary>
    /// Reads the host's state and decides what would change. Must not change anything on the host.
    /// A failure the task should report (rather than stop the run) is a <see cref="ModuleException"/> or a failed plan.
    /// </summary>
    public abstract Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the change a plan described (plans of kind <see cref="PlanKind.WouldChange"/> or
    /// <see cref="PlanKind.Unknown"/>); never called in check mode.
    /// </summary>
    public virtual Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"module '{Name}' planned a change but does not implement ApplyAsync");
}
