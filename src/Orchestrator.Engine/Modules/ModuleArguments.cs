using System.Globalization;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Modules;

/// <summary>A task's rendered arguments with typed accessors. Errors name the argument and the task's file:line.</summary>
public sealed class ModuleArguments
{
    private readonly Dictionary<string, object?> _values;
    private readonly ModuleArgumentSpec _spec;
    private readonly string _module;
    private readonly SourceLocation _location;

    internal ModuleArguments(string module, ModuleArgumentSpec spec, Dictionary<string, object?> rendered, SourceLocation location)
    {
        _module = module;
        _spec = spec;
        _location = location;
        _values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in rendered)
        {
            if (_spec.TryGet(name, out var def))
            {
                _values[def.Name] = ModuleArgumentSpec.Convert(module, def, value, location);
            }
            else
            {
                _values[name] = value;
            }
        }

        foreach (var def in spec.All)
        {
            if (!_values.ContainsKey(def.Name) && def.Default is not null)
            {
                _values[def.Name] = def.Default;
            }
        }
    }

    /// <summary>Every argument after rendering and conversion (defaults included).</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    public SourceLocation Location => _location;

    public bool Has(string name) => _values.TryGetValue(name, out var v) && v is not null;

    public object? Get(string name) => _values.GetValueOrDefault(name);

    public string? GetString(string name) => _values.GetValueOrDefault(name) switch
    {
        null => null,
        Core.Secrets.Secret s => s.Reveal(),
        var v => PlainData.ToText(v),
    };

    public string RequireString(string name) =>
        GetString(name) is { Length: > 0 } s ? s : throw new UserInputException($"module '{_module}' needs argument '{name}'", _location);

    public bool GetBool(string name, bool fallback = false) => _values.GetValueOrDefault(name) is bool b ? b : fallback;

    public long? GetInteger(string name) => _values.GetValueOrDefault(name) is long l ? l : null;

    public IReadOnlyList<object?>? GetList(string name) => _values.GetValueOrDefault(name) as List<object?>;

    public IReadOnlyDictionary<string, object?>? GetMapping(string name) => _values.GetValueOrDefault(name) as Dictionary<string, object?>;

    /// <summary>An error about this task's arguments, located at the task.</summary>
    public UserInputException Error(string message) => new($"{_module}: {message}", _location);

    internal static string FormatSeconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
