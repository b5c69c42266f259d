using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory.Plugins;

/// <summary>
/// Ansible's auto plugin: a <c>.yml</c>/<c>.yaml</c> file whose top-level <c>plugin:</c> key names an inventory
/// plugin configures that plugin. Orchestrator runs <c>constructed</c>; the file-reading plugins (yaml, ini,
/// script, auto) fail on such a file in Ansible too, and any other plugin (a cloud one) is refused with the
/// script route as the way out.
/// </summary>
internal static class PluginConfigFile
{
    private static readonly string[] Constructed = ["constructed", "ansible.builtin.constructed", "ansible.legacy.constructed"];

    private static readonly string[] FileReaders = ["yaml", "ini", "script", "auto", "host_list", "toml"];

    /// <summary>The plugin the file configures, or null when it is not a plugin configuration file (Ansible's auto.verify_file and its root 'plugin' key).</summary>
    public static string? PluginName(string path, YNode? root, YamlConstructor yaml)
    {
        if (!(path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)) || root is not YMapping map)
        {
            return null;
        }

        foreach (var entry in yaml.Entries(map))
        {
            if (entry.Key is "plugin" && yaml.ToPlain(entry.ValueNode) is { } value && value is not (false or "" or 0L))
            {
                return Python.PyData.Str(value);
            }
        }

        return null;
    }

    public static void Apply(InventoryData data, string path, string plugin, YMapping root, YamlConstructor yaml, InventoryLoadOptions options)
    {
        var location = new SourceLocation(path, root.Line, root.Column);
        var shortName = plugin.StartsWith("ansible.builtin.", StringComparison.Ordinal) || plugin.StartsWith("ansible.legacy.", StringComparison.Ordinal)
            ? plugin[(plugin.IndexOf('.', "ansible.".Length) + 1)..]
            : plugin;
        if (Constructed.Contains(plugin, StringComparer.Ordinal))
        {
            var config = (Dictionary<string, object?>)yaml.ToPlain(root)!;
            new ConstructedPlugin(data, path, ConstructedOptions.From(config, path), options).Apply();
            return;
        }

        if (FileReaders.Contains(shortName, StringComparer.Ordinal))
        {
            throw new UserInputException(
                $"found 'plugin: {plugin}', a plugin that reads inventory files itself, not a configuration file (ansible-inventory cannot parse this file either); expected -i to name the YAML/INI inventory or the executable script directly",
                location);
        }

        throw new UserInputException(
            $"found the inventory plugin '{plugin}'; expected ansible.builtin.constructed (Orchestrator runs no other inventory plugin: for a cloud or CMDB inventory, use an executable inventory script that prints ansible-inventory --list JSON, and pass it with -i)",
            location);
    }
}
