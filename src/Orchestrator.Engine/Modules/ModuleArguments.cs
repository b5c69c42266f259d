using System.Globalization;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Modules;

/// <summary>The type of a module argument, checked at load time (when the value is not a template) and after rendering.</summary>
public enum ArgumentType
{
    /// <summary>Any scalar; numbers and booleans are converted to text.</summary>
    String,

    Integer,

    /// <summary>true/false/yes/no/on/off/1/0.</summary>
    Boolean,

    /// <summary>A list, or a comma-separated string.</summary>
    List,

    Mapping,

    /// <summary>An octal file mode such as "0644" or "u=rw,g=r,o=r" is not supported; a YAML 1.1 octal integer (0644) is accepted.</summary>
    Mode,

    /// <summary>Any value, passed through as plain data.</summary>
    Any,
}

/// <summary>One argument of a module.</summary>
public sealed record ArgumentDefinition(string Name, ArgumentType Type)
{
    public bool Required { get; init; }

    public object? Default { get; init; }

    /// <summary>Allowed values (compared as text), or null for any.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The value is secret: it is redacted from every output.</summary>
    public bool Secret { get; init; }
}

/// <summary>A module's argument schema: names, types, required arguments and the free-form argument.</summary>
public sealed class ModuleArgumentSpec
{
    private readonly Dictionary<string, ArgumentDefinition> _byName = new(StringComparer.Ordinal);
    private readonly List<ArgumentDefinition> _arguments = [];

    /// <summary>The argument a string value fills (<c>command: ls</c> fills <c>cmd</c>); null when the module takes only a mapping.</summary>
    public string? FreeForm { get; init; }

    /// <summary>Unknown argument names are accepted and passed through (debug's <c>var</c>/<c>msg</c> style modules set this false).</summary>
    public bool AllowUnknown { get; init; }

    /// <summary>Groups where at least one argument must be given.</summary>
    public List<string[]> RequiredOneOf { get; } = [];

    /// <summary>Groups where at most one argument may be given.</summary>
    public List<string[]> MutuallyExclusive { get; } = [];

    public IReadOnlyList<ArgumentDefinition> All => _arguments;

    public ModuleArgumentSpec Add(ArgumentDefinition argument)
    {
        _arguments.Add(argument);
        _byName[argument.Name] = argument;
        foreach (var alias in argument.Aliases)
        {
            _byName[alias] = argument;
        }

        return this;
    }

    public ModuleArgumentSpec Add(string name, ArgumentType type, bool required = false, object? defaultValue = null, IReadOnlyList<string>? choices = null) =>
        Add(new ArgumentDefinition(name, type) { Required = required, Default = defaultValue, Choices = choices });

    public bool TryGet(string name, out ArgumentDefinition argument) => _byName.TryGetValue(name, out argument!);

    /// <summary>Checks written arguments (before rendering): names, literal types, choices, required ones.</summary>
    internal void Validate(string module, IReadOnlyDictionary<string, object?> args, IReadOnlyDictionary<string, SourceLocation> locations, SourceLocation moduleLocation)
    {
        foreach (var (name, value) in args)
        {
            var at = locations.GetValueOrDefault(name, moduleLocation);
            if (!TryGet(name, out var def))
            {
                if (AllowUnknown)
                {
                    continue;
                }

                throw new UserInputException(
                    $"module '{module}' has no argument '{name}'; expected one of: {string.Join(", ", _arguments.Select(a => a.Name))}", at);
            }

            if (!PlainData.ContainsTemplate(value))
            {
                _ = Convert(module, def, value, at);
            }
        }

        foreach (var def in _arguments.Where(a => a.Required))
        {
            if (!Present(def, args))
            {
                throw new UserInputException($"module '{module}' needs argument '{def.Name}'", moduleLocation);
            }
        }

        foreach (var group in RequiredOneOf)
        {
            if (!group.Any(g => TryGet(g, out var d) && Present(d, args)))
            {
                throw new UserInputException($"module '{module}' needs one of: {string.Join(", ", group)}", moduleLocation);
            }
        }

        foreach (var group in MutuallyExclusive)
        {
            var given = group.Where(g => TryGet(g, out var d) && Present(d, args)).ToList();
            if (given.Count > 1)
            {
                throw new UserInputException($"module '{module}': arguments {string.Join(" and ", given)} cannot be used together", moduleLocation);
            }
        }
    }

    private static bool Present(ArgumentDefinition def, IReadOnlyDictionary<string, object?> args) =>
        args.ContainsKey(def.Name) || def.Aliases.Any(args.ContainsKey);

    /// <summary>Converts a (rendered) value to the argument's type, or throws a clear error.</summary>
    internal static object? Convert(string module, ArgumentDefinition def, object? value, SourceLocation at)
    {
        if (value is null)
        {
            return null;
        }

        UserInputException Bad(string expected) =>
            new($"module '{module}' argument '{def.Name}' must be {expected}, but is {PlainData.TypeName(value)} {Describe(value)}", at);

        object? result = def.Type switch
        {
            ArgumentType.String => value switch
            {
                string or long or double or bool or Core.Secrets.Secret => value is Core.Secrets.Secret ? value : PlainData.ToText(value),
                _ => throw Bad("a string"),
            },
            ArgumentType.Integer => PlainData.TryToLong(value, out var l) ? l : throw Bad("an integer"),
            ArgumentType.Boolean => PlainData.TryToBool(value, out var b) ? b : throw Bad("a boolean (true/false/yes/no)"),
            ArgumentType.List => value switch
            {
                List<object?> list => list,
                string s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => (object?)x).ToList(),
                long or double or bool => new List<object?> { value },
                _ => throw Bad("a list"),
            },
            ArgumentType.Mapping => value is Dictionary<string, object?> ? value : throw Bad("a mapping"),
            ArgumentType.Mode => ParseMode(value) ?? throw Bad("an octal mode such as \"0644\""),
            _ => value,
        };
        if (def.Choices is { } choices && result is not null && !choices.Contains(PlainData.ToText(result), StringComparer.Ordinal))
        {
            throw new UserInputException(
                $"module '{module}' argument '{def.Name}' must be one of {string.Join(", ", choices)}, but is {Describe(value)}", at);
        }

        return result;
    }

    private static string Describe(object? value) => value switch
    {
        string s => "\"" + (s.Length > 60 ? s[..60] + "..." : s) + "\"",
        IList<object?> => "(a list)",
        IDictionary<string, object?> => "(a mapping)",
        _ => PlainData.ToText(value),
    };

    /// <summary>"0644"/"644"/"0o644" strings are octal; integers are the mode's numeric value (YAML 1.1 reads 0644 as 420).</summary>
    internal static string? ParseMode(object? value)
    {
        switch (value)
        {
            case long l when l is >= 0 and <= 4095:
                return "0" + System.Convert.ToString(l, 8).PadLeft(3, '0');
            case string s:
                var t = s.Trim();
                if (t.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
                {
                    t = t[2..];
                }

                if (t.Length is >= 3 and <= 4 && t.All(c => c is >= '0' and <= '7'))
                {
                    return t.Length == 3 ? "0" + t : t;
                }

                return null;
            default:
                return null;
        }
    }
}

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
