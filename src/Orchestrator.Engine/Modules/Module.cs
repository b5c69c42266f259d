using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules;

/// <summary>
/// A task module. The engine calls <see cref="PlanAsync"/> on every host: it reads facts through the
/// connection and returns no change, would change (with a diff) or unknown, without changing anything.
/// Outside check mode the engine then calls <see cref="ApplyAsync"/> for plans that would (or might) change.
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

    /// <summary>Reads the host's state and decides what would change. Must not change anything on the host.</summary>
    public abstract Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the change a plan described (plans of kind <see cref="PlanKind.WouldChange"/> or
    /// <see cref="PlanKind.Unknown"/>); never called in check mode.
    /// </summary>
    public virtual Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"module '{Name}' planned a change but does not implement ApplyAsync");
}

/// <summary>Gathers facts for <c>gather_facts</c>; each provider's values are merged into <c>ansible_facts</c>.</summary>
public interface IFactProvider
{
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>> GatherAsync(FactContext context, CancellationToken cancellationToken);
}

/// <summary>What a fact provider can use.</summary>
public sealed class FactContext
{
    public required string HostName { get; init; }

    public required IHostConnection Connection { get; init; }

    public required bool Become { get; init; }

    public required IReadOnlyDictionary<string, object?> HostVariables { get; init; }

    public required TimeProvider TimeProvider { get; init; }
}

/// <summary>The modules and fact providers a run can use. <see cref="CreateDefault"/> holds the built-in ones.</summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly List<IFactProvider> _factProviders = [];

    /// <summary>A registry with every built-in module and the core fact provider.</summary>
    public static ModuleRegistry CreateDefault()
    {
        var registry = new ModuleRegistry();
        foreach (var module in Builtin.BuiltinModulesList.All())
        {
            registry.Register(module);
        }

        registry.RegisterFactProvider(new Builtin.CoreFactProvider());
        return registry;
    }

    /// <summary>Adds a module under its name, its aliases and <c>ansible.builtin.&lt;name&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">A module with that name is already registered.</exception>
    public ModuleRegistry Register(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var name in new[] { module.Name, "ansible.builtin." + module.Name }.Concat(module.Aliases))
        {
            if (_modules.TryGetValue(name, out var existing) && !ReferenceEquals(existing, module))
            {
                throw new InvalidOperationException($"module name '{name}' is already registered by {existing.GetType().Name}");
            }

            _modules[name] = module;
        }

        return this;
    }

    public ModuleRegistry RegisterFactProvider(IFactProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _factProviders.Add(provider);
        return this;
    }

    public bool TryGet(string name, out Module module) => _modules.TryGetValue(name, out module!);

    /// <summary>Each module once, by primary name.</summary>
    public IReadOnlyList<Module> Modules => _modules.Values.Distinct().OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<IFactProvider> FactProviders => _factProviders;
}
