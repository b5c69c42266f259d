using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Plugins;

/// <summary>The options of a <c>plugin: constructed</c> file (ansible/plugins/doc_fragments/constructed.py and the plugin's own).</summary>
internal sealed class ConstructedOptions
{
    // The keys Ansible accepts in a constructed file; the cache ones are accepted and have no effect here.
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "plugin", "strict", "compose", "groups", "keyed_groups", "leading_separator", "use_extra_vars", "use_vars_plugins",
        "cache", "cache_plugin", "cache_timeout", "cache_connection", "cache_prefix",
    };

    // Ansible's BOOLEANS_TRUE; anything else is false (config booleans are not strict).
    private static readonly HashSet<string> True = new(StringComparer.Ordinal) { "y", "yes", "on", "1", "true", "t", "1.0" };

    public bool Strict { get; private init; }

    public Dictionary<string, object?> Compose { get; private init; } = [];

    public Dictionary<string, object?> Groups { get; private init; } = [];

    public List<object?> KeyedGroups { get; private init; } = [];

    public bool LeadingSeparator { get; private init; } = true;

    public bool UseExtraVars { get; private init; }

    public bool UseVarsPlugins { get; private init; }

    public static ConstructedOptions From(Dictionary<string, object?> config, string path)
    {
        foreach (var key in config.Keys)
        {
            if (!Known.Contains(key))
            {
                throw new UserInputException(
                    $"found the option '{key}' in a constructed inventory file; expected one of {string.Join(", ", Known.Order(StringComparer.Ordinal))}",
                    new SourceLocation(path, 0, 0));
            }
        }

        return new ConstructedOptions
        {
            Strict = Boolean(config, "strict", false),
            Compose = Mapping(config, "compose", path),
            Groups = Mapping(config, "groups", path),
            KeyedGroups = Sequence(config, "keyed_groups", path),
            LeadingSeparator = Boolean(config, "leading_separator", true),
            UseExtraVars = Boolean(config, "use_extra_vars", false),
            UseVarsPlugins = Boolean(config, "use_vars_plugins", false),
        };
    }

    private static bool Boolean(Dictionary<string, object?> config, string key, bool fallback) =>
        !config.TryGetValue(key, out var value) || value is null
            ? fallback
            : value is bool b ? b : True.Contains(PyData.Str(value).ToLowerInvariant().Trim());

    private static Dictionary<string, object?> Mapping(Dictionary<string, object?> config, string key, string path) =>
        config.GetValueOrDefault(key) switch
        {
            null => [],
            Dictionary<string, object?> d => d,
            var other => throw new UserInputException(
                $"found {key} = {PyData.Repr(other)} in a constructed inventory file; expected a mapping of names to expressions",
                new SourceLocation(path, 0, 0)),
        };

    private static List<object?> Sequence(Dictionary<string, object?> config, string key, string path) =>
        config.GetValueOrDefault(key) switch
        {
            null => [],
            List<object?> l => l,
            var other => throw new UserInputException(
                $"found {key} = {PyData.Repr(other)} in a constructed inventory file; expected a list of keyed group entries",
                new SourceLocation(path, 0, 0)),
        };
}
