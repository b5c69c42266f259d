using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Modules;

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
