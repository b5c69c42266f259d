using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Plugins;
using Orchestrator.Inventory.Scripts;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory.Parsing;

/// <summary>
/// Ansible's InventoryManager.parse_source: a directory is read entry by entry in sorted order (skipping
/// hidden files, group_vars/host_vars and Ansible's ignored extensions such as .ini and .txt); a file goes
/// to the YAML plugin when its extension allows (.yml, .yaml, .json or none) and to the INI plugin if YAML
/// declines; a string with a comma that is not a path is a host list. Unlike Ansible, a source that no
/// plugin can read is an error, not a warning followed by an empty inventory.
/// </summary>
internal static partial class SourceParser
{
    // INVENTORY_IGNORE_EXTS and the always-ignored names (ansible/inventory/manager.py IGNORED).
    [GeneratedRegex(@"^\.|^host_vars$|^group_vars$|^vars_plugins$|\.pyc$|\.pyo$|\.swp$|\.bak$|~$|\.rpm$|\.md$|\.txt$|\.rst$|\.orig$|\.ini$|\.cfg$|\.retry$", RegexOptions.CultureInvariant)]
    private static partial Regex Ignored();

    private static readonly string[] YamlExtensions = [".yml", ".yaml", ".json"];

    public static bool IsHostList(string source) => source.Contains(',', StringComparison.Ordinal) && !Path.Exists(source);

    public static void ParseSource(InventoryData data, string source, InventoryLoadOptions options)
    {
        if (IsHostList(source))
        {
            data.CurrentSource = source;
            ParseHostList(data, source);
            data.CurrentSource = null;
            return;
        }

        if (Directory.Exists(source))
        {
            var entries = Directory.EnumerateFileSystemEntries(source)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(Python.PyStringComparer.Instance);
            foreach (var name in entries)
            {
                if (!Ignored().IsMatch(name))
                {
                    ParseSource(data, Path.Combine(source, name), options);
                }
            }

            return;
        }

        if (!File.Exists(source))
        {
            throw new UserInputException(
                "found no file or directory at this path; expected an inventory file, a directory of inventory files, or a comma-separated host list such as 'host1,host2,'",
                new SourceLocation(source, 0, 0));
        }

        data.CurrentSource = Path.GetFullPath(source);
        ParseFile(data, source, options);
        data.ProcessedSources.Add(data.CurrentSource);
        data.CurrentSource = null;
    }

    private static void ParseFile(InventoryData data, string path, InventoryLoadOptions options)
    {
        var extension = SourceText.Extension(path);
        if (extension == ".toml")
        {
            throw new UserInputException("found a TOML inventory; expected INI, YAML or JSON (Orchestrator does not read TOML inventories)", new SourceLocation(path, 0, 0));
        }

        if (ScriptInventoryParser.IsScript(path))
        {
            new ScriptInventoryParser(data, Path.GetFullPath(path), options.ScriptTimeout).Parse();
            return;
        }

        var text = data.Vault.FileText(SourceText.Read(path), path);
        UserInputException? yamlError = null;
        var yamlShaped = false;
        if (extension.Length == 0 || YamlExtensions.Contains(extension, StringComparer.Ordinal))
        {
            var yaml = new YamlConstructor(path, data.Warnings.Add, data.Vault);
            var root = YamlDocumentReader.TryRead(text, path, out yamlError);
            if (yamlError is InputLimitException)
            {
                // Over a reader limit is not "not YAML": trying INI next would only hide it.
                throw yamlError;
            }

            if (yamlError is null)
            {
                if (PluginConfigFile.PluginName(path, root, yaml) is { } plugin)
                {
                    PluginConfigFile.Apply(data, path, plugin, (YMapping)root!, yaml, options);
                    return;
                }

                try
                {
                    var declined = YamlInventoryParser.Decline(root, yaml);
                    if (declined is null)
                    {
                        new YamlInventoryParser(data, yaml).Parse((YMapping)root!);
                        return;
                    }

                    yamlShaped = root is YMapping;
                    yamlError = new UserInputException(declined, new SourceLocation(path, root?.Line ?? 1, root?.Column ?? 1));
                }
                catch (UserInputException ex) when (ex is not InputLimitException)
                {
                    yamlShaped = true;
                    yamlError = ex;
                }
            }
        }

        try
        {
            new IniInventoryParser(data, path).Parse(text);
        }
        catch (UserInputException) when (yamlError is not null && (extension.Length > 0 || yamlShaped))
        {
            // Report the error of the format the file was meant to be in.
            throw yamlError;
        }
    }

    // Ansible's host_list plugin: "host1,host2:2222,[::1]:22," with no ranges.
    private static void ParseHostList(InventoryData data, string source)
    {
        foreach (var part in source.Split(','))
        {
            var h = part.Trim();
            if (h.Length == 0)
            {
                continue;
            }

            if (!HostAddress.TryParse(h, allowRanges: false, out var host, out var port))
            {
                host = h;
                port = null;
            }

            if (!data.Hosts.ContainsKey(host))
            {
                data.AddHost(host, data.Ungrouped, port);
            }
        }
    }
}
