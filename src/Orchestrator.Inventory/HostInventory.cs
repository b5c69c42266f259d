using System.Collections.ObjectModel;
using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Parsing;
using Orchestrator.Inventory.Patterns;
using Orchestrator.Inventory.Vars;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory;

/// <summary>
/// Hosts, groups and merged variables loaded from one or more Ansible inventory sources.
/// Variable values are plain data: null, bool, long, double, string, List&lt;object?&gt; and
/// Dictionary&lt;string, object?&gt; (nested), exactly as ansible-inventory would print them in JSON
/// (an integer too large for a long is a System.Numerics.BigInteger; a <c>!unsafe</c> string is
/// <c>{"__ansible_unsafe": text}</c>; a YAML date is its ISO text).
/// </summary>
public sealed class HostInventory
{
    private readonly InventoryData _data;
    private readonly VariableMerger _merger;
    private readonly PatternMatcher _matcher;
    private readonly Dictionary<HostNode, InventoryHost> _byNode = [];
    private readonly OrderedDictionary<string, InventoryHost> _byName = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<string> _warnings;
    private readonly VarsFiles _files;
    private readonly Dictionary<string, HostInventory> _withPlaybookDirectory = new(StringComparer.Ordinal);
    private InventoryHost? _implicitLocalhost;
    private HostNode? _implicitNode;

    // ansible-inventory's view with -e: the extra vars on top of every host's variables.
    private readonly IReadOnlyDictionary<string, object?>? _overlay;

    internal HostInventory(InventoryData data, IReadOnlyList<string> sources, VarsFiles files, string? playbookDirectory = null, IReadOnlyDictionary<string, object?>? hostVariablesOverlay = null)
    {
        _data = data;
        _files = files;
        _overlay = hostVariablesOverlay is { Count: > 0 } ? hostVariablesOverlay : null;
        Sources = sources;
        PlaybookDirectory = playbookDirectory;

        // Ansible reads the playbook's group_vars/host_vars after every source's, level by level (all, groups,
        // host): listing the playbook directory last gives exactly that interleaving.
        var varsDirectories = sources.Where(s => !SourceParser.IsHostList(s)).Select(VarsFiles.BaseDirectory).ToList();
        if (playbookDirectory is not null)
        {
            varsDirectories.Add(playbookDirectory);
        }

        _merger = new VariableMerger(data, varsDirectories, files);
        _matcher = new PatternMatcher(data, ImplicitLocalhostNode);

        var groups = new OrderedDictionary<string, InventoryGroup>(StringComparer.Ordinal);
        foreach (var g in data.Groups.Values)
        {
            groups.Add(g.Name, new InventoryGroup
            {
                Name = g.Name,
                Hosts = g.Hosts.Select(h => h.Name).ToArray(),
                Children = g.Children.Select(c => c.Name).ToArray(),
                Parents = g.Parents.Select(p => p.Name).ToArray(),
                Depth = g.Depth,
                Priority = g.Priority,
                Variables = _merger.ForGroup(g),
            });
        }

        Groups = new ReadOnlyDictionary<string, InventoryGroup>(groups);
        foreach (var node in data.All.GetHosts())
        {
            var host = CreateHost(node);
            _byName.Add(node.Name, host);
        }

        // Hosts only in an implicit-group corner case still get an entry, after the ordered ones.
        foreach (var node in data.Hosts.Values)
        {
            if (!_byNode.ContainsKey(node) && !node.Implicit)
            {
                _byName.Add(node.Name, CreateHost(node));
            }
        }

        Hosts = _byName.Values.ToArray();
        _warnings = [.. data.Warnings];
    }

    /// <summary>Every host, in the order Ansible lists them under <c>all</c>.</summary>
    public IReadOnlyList<InventoryHost> Hosts { get; }

    /// <summary>Every group by name, including <c>all</c> and <c>ungrouped</c>, in the order they were defined.</summary>
    public IReadOnlyDictionary<string, InventoryGroup> Groups { get; }

    /// <summary>The <c>-i</c> sources this inventory was loaded from, in order.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Things Ansible would warn about while loading (duplicate YAML keys, skipped keys, a group and a host with one name).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_lock)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>The directory whose <c>group_vars/</c> and <c>host_vars/</c> are merged after the sources' (see <see cref="WithPlaybookDirectory"/>), or null.</summary>
    public string? PlaybookDirectory { get; }

    internal InventoryData Data => _data;

    internal VariableMerger Merger => _merger;

    public InventoryHost? FindHost(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// This inventory with the <c>group_vars/</c> and <c>host_vars/</c> beside a playbook merged in at Ansible's
    /// levels (playbook <c>group_vars/all</c> above the sources' <c>group_vars/all</c>, and so on for groups and
    /// hosts), as <c>ansible-playbook</c> and <c>ansible-inventory --playbook-dir</c> do. Built once per directory.
    /// </summary>
    public HostInventory WithPlaybookDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        lock (_withPlaybookDirectory)
        {
            if (!_withPlaybookDirectory.TryGetValue(full, out var inventory))
            {
                inventory = new HostInventory(_data, Sources, _files, full, _overlay);
                _withPlaybookDirectory[full] = inventory;
            }

            return inventory;
        }
    }

    /// <summary>
    /// Hosts matching an Ansible host pattern (<c>all</c>, globs, <c>~regex</c>, <c>a:b</c>, <c>a:&amp;b</c>,
    /// <c>a:!b</c>, slices, <c>@file</c>), in inventory order.
    /// </summary>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">The pattern is malformed.</exception>
    public IReadOnlyList<InventoryHost> SelectHosts(string pattern) => SelectHosts(pattern, limit: null, onWarning: null);

    /// <summary>
    /// Hosts matching <paramref name="pattern"/>, kept only if they also match <paramref name="limit"/>
    /// (like <c>--limit</c>); Ansible's "could not match" warnings go to <paramref name="onWarning"/>.
    /// </summary>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">A pattern is malformed or an @file is missing.</exception>
    public IReadOnlyList<InventoryHost> SelectHosts(string pattern, string? limit, Action<string>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_lock)
        {
            var nodes = _matcher.GetHosts(pattern, "pattern", limit, "--limit", onWarning ?? (_ => { }));
            return nodes.Select(n => n.Implicit ? _implicitLocalhost! : _byNode[n]).ToArray();
        }
    }

    /// <summary>Like <see cref="SelectHosts(string, string?, Action{string}?)"/>, also telling whether Ansible's own order could differ (tests).</summary>
    internal (IReadOnlyList<InventoryHost> Hosts, bool OrderAmbiguous) SelectHostsWithOrderInfo(string pattern, string? limit)
    {
        lock (_lock)
        {
            var nodes = _matcher.GetHosts(pattern, "pattern", limit, "--limit", _ => { });
            return (nodes.Select(n => n.Implicit ? _implicitLocalhost! : _byNode[n]).ToArray(), _matcher.LastOrderAmbiguous);
        }
    }

    /// <summary>Builds an inventory from YAML inventory text (the format of a .yml inventory file), for tests and tools.</summary>
    /// <exception cref="UserInputException">The text is malformed; the location names <paramref name="sourceName"/>.</exception>
    public static HostInventory FromYaml(string yaml, string sourceName = "<yaml>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var data = new InventoryData();
        var constructor = new YamlConstructor(sourceName, data.Warnings.Add);
        var root = YamlDocumentReader.Read(yaml, sourceName);
        var declined = YamlInventoryParser.Decline(root, constructor);
        if (declined is not null)
        {
            throw new UserInputException(declined, new SourceLocation(sourceName, root?.Line ?? 1, root?.Column ?? 1));
        }

        new YamlInventoryParser(data, constructor).Parse((YMapping)root!);
        data.Reconcile();
        return new HostInventory(data, [], new VarsFiles(data.Warnings.Add));
    }

    /// <summary>Builds an inventory from INI inventory text (the format of an Ansible hosts file), for tests and tools.</summary>
    /// <exception cref="UserInputException">The text is malformed; the location names <paramref name="sourceName"/>.</exception>
    public static HostInventory FromIni(string ini, string sourceName = "<ini>")
    {
        ArgumentNullException.ThrowIfNull(ini);
        var data = new InventoryData();
        new IniInventoryParser(data, sourceName).Parse(ini);
        data.Reconcile();
        return new HostInventory(data, [], new VarsFiles(data.Warnings.Add));
    }

    internal InventoryHost HostFor(HostNode node) => node.Implicit ? _implicitLocalhost! : _byNode[node];

    private IReadOnlyDictionary<string, object?> Overlaid(IReadOnlyDictionary<string, object?> variables)
    {
        if (_overlay is null)
        {
            return variables;
        }

        var result = new Dictionary<string, object?>(variables, StringComparer.Ordinal);
        foreach (var (k, v) in _overlay)
        {
            result[k] = v;
        }

        return new ReadOnlyDictionary<string, object?>(result);
    }

    private InventoryHost CreateHost(HostNode node)
    {
        var variables = _merger.ForHost(node, out var groupNames);
        var host = new InventoryHost
        {
            Name = node.Name,
            Variables = Overlaid(variables),
            Groups = groupNames,
            InventorySource = node.Source,
        };
        _byNode[node] = host;
        return host;
    }

    // Ansible creates one implicit localhost (ansible_connection=local) the first time a pattern names it.
    private HostNode ImplicitLocalhostNode(string name)
    {
        if (_data.Localhost is { } explicitHost)
        {
            return explicitHost;
        }

        if (_implicitLocalhost is null)
        {
            var node = new HostNode(name, -1, null) { Implicit = true };
            node.Vars["ansible_connection"] = "local";
            _implicitLocalhost = new InventoryHost
            {
                Name = name,
                Variables = Overlaid(_merger.ForImplicitHost(node)),
                Groups = [],
                IsImplicit = true,
            };
            _implicitNode = node;
        }

        return _implicitNode!;
    }
}
