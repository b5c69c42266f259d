using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Loads the roles of one play: each role once per name and parameters (Ansible's ROLE_CACHE, which is what makes a
/// second use of the same role with the same parameters a duplicate), and one block per use of it: its
/// dependencies' blocks (meta/main.yml), then its tasks. A dependency cycle is an error with the chain.
/// </summary>
internal sealed class RoleLoader(LoadSession session, Play play)
{
    private readonly Dictionary<string, RoleDefinition> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<RoleDefinition, List<(YamlNode Node, PlaybookNodes Nodes)>> _dependencyEntries = [];
    private readonly List<RoleDefinition> _building = [];

    /// <summary>One entry of play <c>roles:</c> or of <c>dependencies:</c>: a name, or a mapping with <c>role:</c> (or <c>name:</c>).</summary>
    /// <param name="dependentRole">The role whose meta lists this entry (its directory is searched too), or null.</param>
    public BlockDefinition LoadEntry(YamlNode entry, PlaybookNodes nodes, BlockDefinition? parent, RoleDefinition? dependentRole)
    {
        var at = nodes.At(entry);
        var block = new TaskOptions();
        var entryVars = new Dictionary<string, object?>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        string name;
        switch (entry)
        {
            case YamlScalarNode:
                name = nodes.ScalarString(entry, "role");
                break;
            case YamlMappingNode map:
                var nameNode = PlaybookNodes.Child(map, "role") ?? PlaybookNodes.Child(map, "name")
                    ?? throw new UserInputException("a role entry needs 'role:' (or 'name:') with the role's name", at);
                name = nodes.ScalarString(nameNode, "role");
                new TaskOptionsReader(nodes, new ExpressionReader(nodes, session.Templates)).Read(block, map);
                foreach (var (k, v) in block.Vars)
                {
                    entryVars[k] = v;
                }

                foreach (var (k, v) in map.Children)
                {
                    var keyword = ((YamlScalarNode)k).Value ?? string.Empty;
                    if (!PlaybookKeywords.RoleEntry.Contains(keyword))
                    {
                        parameters[keyword] = nodes.ToPlain(v);
                    }
                }

                break;
            default:
                throw new UserInputException($"a role entry must be a role name or a mapping with 'role:', but found {YamlData.Kind(entry)}", at);
        }

        if (name.Contains("{{", StringComparison.Ordinal))
        {
            // Ansible templates a role's name at load time with the play's vars and extra vars (no host vars yet).
            var variables = VariableScopeBuilder.Build(new VariableLevels { PlayVars = play.Vars, ExtraVars = session.ExtraVars });
            name = session.Templates.RenderText(name, variables, at);
        }

        if (name.Length == 0)
        {
            throw new UserInputException("a role entry needs a role name", at);
        }

        var role = Get(name, entryVars, parameters, at, dependentRole, RoleFrom.Main, block, origin: "roles");
        return Build(role, block, at, parent, RoleFrom.Main);
    }

    /// <summary>
    /// The role for a name and parameters: the one already loaded in this play when they match (so a second use is a
    /// duplicate), else a new one. <paramref name="origin"/> keeps play roles, imports and includes apart, as Ansible's
    /// from_include does.
    /// </summary>
    public RoleDefinition Get(string name, Dictionary<string, object?> entryVars, Dictionary<string, object?> parameters, SourceLocation at, RoleDefinition? dependentRole, RoleFrom from, TaskOptions entry, string origin)
    {
        var key = RoleCacheKey.Of(name, parameters, entryVars, entry.When.Select(w => w.Text), entry.Tags, from.Tasks, from.Vars, from.Defaults, from.Handlers, origin);
        if (!_cache.TryGetValue(key, out var role))
        {
            // A play's roles: entry covers the role's handlers too (Ansible's handler blocks inherit from their role).
            role = Create(name, entryVars, parameters, at, dependentRole, from, origin == "roles" ? entry : null);
            _cache[key] = role;
        }

        return role;
    }

    /// <summary>A new role: found on the search path, its meta, defaults, vars and handlers read.</summary>
    private RoleDefinition Create(string name, Dictionary<string, object?> entryVars, Dictionary<string, object?> parameters, SourceLocation at, RoleDefinition? dependentRole, RoleFrom from, TaskOptions? handlerOptions)
    {
        var (roleName, path) = RoleSearch.Find(name, session.PlaybookDirectory, session.RolesPath, dependentRole is null ? null : Path.GetDirectoryName(dependentRole.Path), at);
        var role = new RoleDefinition
        {
            Name = roleName,
            Path = path,
            Location = at,
            EntryVars = entryVars,
            Params = parameters,
            Defaults = RoleFiles.LoadVars(RoleFiles.Find(path, "defaults", from.Defaults, allowDirectory: true, at), at, session.Vault),
            Vars = RoleFiles.LoadVars(RoleFiles.Find(path, "vars", from.Vars, allowDirectory: true, at), at, session.Vault),
        };
        _dependencyEntries[role] = ReadMeta(role, at);
        LoadHandlers(role, from.Handlers, handlerOptions, at);
        return role;
    }

    /// <summary>One use of <paramref name="role"/>: a block with the entry's keywords, its dependencies' blocks, then its tasks.</summary>
    public BlockDefinition Build(RoleDefinition role, TaskOptions entry, SourceLocation at, BlockDefinition? parent, RoleFrom from)
    {
        if (_building.Contains(role) || _building.Any(r => r.Path == role.Path))
        {
            throw new UserInputException(
                $"role dependency cycle: {string.Join(" -> ", _building.SkipWhile(r => r.Path != role.Path).Append(role).Select(r => r.Name))}", at);
        }

        var block = new BlockDefinition { Location = at, Play = play, Parent = parent, ForRole = role };
        entry.CopyKeywordsTo(block);
        _building.Add(role);
        try
        {
            var firstBuild = role.Dependencies.Count == 0;
            foreach (var (node, nodes) in _dependencyEntries[role])
            {
                var dependency = LoadEntry(node, nodes, block, role);
                block.Block.Add(dependency);
                if (firstBuild && !role.Dependencies.Contains(dependency.ForRole!))
                {
                    role.Dependencies.Add(dependency.ForRole!);
                }
            }

            foreach (var file in RoleFiles.Find(role.Path, "tasks", from.Tasks, allowDirectory: false, at))
            {
                var (nodes, items) = session.ReadList(file, at, "a role's task file");
                using var entered = session.Enter(file, at);
                var tasks = session.TasksIn(nodes);
                block.Block.AddRange(items.Select(item => tasks.Load(item, play, block, isHandler: false, 0)));
            }
        }
        finally
        {
            _building.RemoveAt(_building.Count - 1);
        }

        return block;
    }

    /// <summary>Every handler of the role and its dependencies, dependencies first, each once.</summary>
    public static IEnumerable<TaskDefinition> AllHandlers(RoleDefinition role) =>
        role.AllDependencies().Append(role).SelectMany(r => r.Handlers).Distinct();

    private List<(YamlNode, PlaybookNodes)> ReadMeta(RoleDefinition role, SourceLocation at)
    {
        var entries = new List<(YamlNode, PlaybookNodes)>();
        foreach (var file in RoleFiles.Find(role.Path, "meta", null, allowDirectory: false, at))
        {
            var nodes = new PlaybookNodes(file, session.Vault);
            var root = YamlData.LoadFile(file, at, "a role's meta/main.yml", session.Vault, valuesAreSecrets: false);
            if (root is null || (root is YamlScalarNode s && string.IsNullOrEmpty(s.Value)))
            {
                continue;
            }

            var map = root as YamlMappingNode
                ?? throw new UserInputException($"a role's meta/main.yml must be a mapping (dependencies, allow_duplicates, galaxy_info), but found {YamlData.Kind(root)}", nodes.At(root));
            role.AllowDuplicates = nodes.OptionalBool(map, "allow_duplicates") ?? false;
            if (PlaybookNodes.Child(map, "dependencies") is { } deps)
            {
                entries.AddRange(nodes.Sequence(deps, "dependencies").Select(d => (d, nodes)));
            }
        }

        return entries;
    }

    private void LoadHandlers(RoleDefinition role, string? from, TaskOptions? options, SourceLocation at)
    {
        var parent = new BlockDefinition { Location = at, Play = play, ForRole = role };
        if (options is not null)
        {
            options.CopyKeywordsTo(parent);
        }

        foreach (var file in RoleFiles.Find(role.Path, "handlers", from, allowDirectory: false, at))
        {
            var (nodes, items) = session.ReadList(file, at, "a role's handlers file");
            var tasks = session.TasksIn(nodes);
            foreach (var item in items)
            {
                if (tasks.Load(item, play, parent, isHandler: true, 0) is TaskDefinition handler)
                {
                    role.Handlers.Add(handler);
                }
            }
        }
    }
}
