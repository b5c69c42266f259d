using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Vars;

namespace Orchestrator.Inventory.Plugins;

/// <summary>
/// Ansible's constructed inventory plugin (plugins/inventory/constructed.py with Constructable from
/// plugins/inventory/__init__.py), applied to the hosts the sources before it loaded: for each host, in the
/// order hosts were added, <c>compose</c> sets variables, then <c>groups</c> (conditions) and
/// <c>keyed_groups</c> (values) put it in groups. Expressions see what Ansible's see: the inventory
/// variables of the host's groups (by depth, priority, name; before reconciliation, so a top-level INI
/// group is not yet under <c>all</c>), then the host's own with inventory_file, inventory_dir,
/// inventory_hostname, inventory_hostname_short and group_names; with <c>use_vars_plugins</c> also the
/// group_vars/host_vars files of the sources already read, and with <c>use_extra_vars</c> the <c>-e</c> variables
/// (in compose and keyed group keys only, as in Ansible). A failing expression skips the entry, unless
/// <c>strict</c>.
/// </summary>
internal sealed class ConstructedPlugin(InventoryData data, string path, ConstructedOptions options, InventoryLoadOptions load)
{
    private readonly IInventoryExpressionEvaluator _expressions = load.Expressions ?? throw new UserInputException(
        "found a constructed inventory file, but this command cannot evaluate its expressions; expected it only where playbooks run (orchestrator inventory, run, exec, sweep)",
        new SourceLocation(path, 0, 0));

    private readonly VarsFiles _files = new(data.Warnings.Add);

    public void Apply()
    {
        foreach (var host in data.Hosts.Values.ToList())
        {
            var variables = HostVariables(host);
            foreach (var (name, expression) in options.Compose)
            {
                object? value;
                try
                {
                    var composeVariables = WithExtraVars(variables);
                    value = TemplateResult.FromExpression(Expression(expression), _expressions.Evaluate(Expression(expression), composeVariables), composeVariables);
                }
                catch (Exception ex) when (ex is not InputLimitException)
                {
                    if (options.Strict)
                    {
                        throw Error($"found that compose.{name} cannot be set for host '{host.Name}' ({Reason(ex)}); expected an expression that evaluates for every host (or strict: false to skip such hosts)");
                    }

                    continue;
                }

                data.SetVariable(host.Name, name, value);
            }

            variables = HostVariables(host);
            AddToComposedGroups(host, variables);
            new KeyedGroupBuilder(data, path, options, _expressions, WithExtraVars).Add(host, variables);
        }
    }

    /// <summary>The text of an expression option as Ansible formats it into <c>{{ }}</c> (Python's str).</summary>
    public static string Expression(object? value) => Python.PyData.Str(value);

    /// <summary>A failure's message without the location the evaluator may have put in front.</summary>
    public static string Reason(Exception ex) => ex is UserInputException u ? u.Message : ex.Message;

    public UserInputException Error(string message) => new(message, new SourceLocation(path, 0, 0));

    private void AddToComposedGroups(HostNode host, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var (rawName, condition) in options.Groups)
        {
            var groupName = GroupNameSanitizer.Sanitize(rawName);
            bool result;
            try
            {
                result = _expressions.IsTrue(Expression(condition), variables);
            }
            catch (Exception ex) when (ex is not InputLimitException)
            {
                if (options.Strict)
                {
                    throw Error($"found that host '{host.Name}' cannot be tested for group '{groupName}' ({Reason(ex)}); expected a condition that evaluates for every host (or strict: false to skip such hosts)");
                }

                continue;
            }

            if (result)
            {
                var group = data.AddGroup(groupName);
                data.AddChild(group, host.Name);
            }
        }
    }

    private IReadOnlyDictionary<string, object?> WithExtraVars(IReadOnlyDictionary<string, object?> variables)
    {
        if (!options.UseExtraVars || load.ExtraVars.Count == 0)
        {
            return variables;
        }

        var combined = new Dictionary<string, object?>(variables, StringComparer.Ordinal);
        foreach (var (k, v) in load.ExtraVars)
        {
            combined[k] = v;
        }

        return combined;
    }

    // get_all_host_vars: the groups' inventory variables, then the host's own and its magic variables.
    private Dictionary<string, object?> HostVariables(HostNode host)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var groups = host.Groups.ToList();
        groups.Sort(VariableMerger.CompareGroups);
        foreach (var g in groups)
        {
            Update(result, g.Vars);
        }

        var directories = options.UseVarsPlugins ? VarsDirectories() : [];
        foreach (var dir in directories)
        {
            foreach (var g in host.Groups)
            {
                foreach (var file in _files.For(Path.Combine(dir, "group_vars"), g.Name))
                {
                    Update(result, file);
                }
            }
        }

        if (host.Source is { } source)
        {
            result["inventory_file"] = source;
            result["inventory_dir"] = Path.GetDirectoryName(source);
        }

        Update(result, host.Vars);
        foreach (var dir in directories)
        {
            foreach (var file in _files.For(Path.Combine(dir, "host_vars"), host.Name))
            {
                Update(result, file);
            }
        }

        result["inventory_hostname"] = host.Name;
        result["inventory_hostname_short"] = IsIpAddress(host.Name) ? host.Name : host.Name.Split('.')[0];
        result["group_names"] = host.Groups.Where(g => g.Name != "all").Select(g => g.Name).Order(Python.PyStringComparer.Instance).Cast<object?>().ToList();
        return result;
    }

    private static bool IsIpAddress(string name) =>
        System.Net.IPAddress.TryParse(name, out var address) && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || name.Count(c => c == '.') == 3);

    private List<string> VarsDirectories() =>
        data.ProcessedSources.Select(VarsFiles.BaseDirectory).ToList();

    private static void Update(Dictionary<string, object?> target, IReadOnlyDictionary<string, object?> source)
    {
        foreach (var (k, v) in source)
        {
            target[k] = v;
        }
    }
}
