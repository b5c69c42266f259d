namespace Orchestrator.Engine.Modules;

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
