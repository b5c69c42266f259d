using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// <c>import_tasks</c> and <c>import_role</c> (static: loaded now, into a block that carries the import's keywords,
/// so its <c>when</c> and <c>tags</c> apply to every imported task) and <c>include_tasks</c> and <c>include_role</c>
/// (dynamic: a task that loads its target when a host reaches it; its <c>when</c> and <c>tags</c> are its own).
/// </summary>
internal sealed class IncludeLoader(LoadSession session, PlaybookNodes nodes, ExpressionReader expressions, TaskLoader tasks)
{
    private static readonly string[] Kinds = ["import_tasks", "include_tasks", "import_role", "include_role"];

    private static readonly HashSet<string> RoleArguments = new(StringComparer.Ordinal)
    {
        "name", "tasks_from", "vars_from", "defaults_from", "handlers_from", "public", "allow_duplicates", "apply", "rolespec_validate",
    };

    /// <summary>The import/include keyword of a task (also as ansible.builtin.X), or null.</summary>
    public static string? KindOf(YamlMappingNode map)
    {
        foreach (var (k, _) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? string.Empty;
            var bare = key.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? key["ansible.builtin.".Length..] : key;
            if (Kinds.Contains(bare, StringComparer.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    public TaskNode Load(YamlMappingNode map, string key, Play play, BlockDefinition? parent, bool isHandler)
    {
        var keyNode = PlaybookNodes.KeyNode(map, key)!;
        var kind = key.Replace("ansible.builtin.", string.Empty, StringComparison.Ordinal);
        if (isHandler)
        {
            throw new UserInputException($"{kind} is not supported in handlers; list the handlers in the play or the role", nodes.At(keyNode));
        }

        var allowed = kind.StartsWith("import_", StringComparison.Ordinal)
            ? new HashSet<string>(PlaybookKeywords.Common, StringComparer.Ordinal) { key }
            : new HashSet<string>(PlaybookKeywords.Task, StringComparer.Ordinal) { key };
        allowed.Remove("args");
        foreach (var (k, _) in map.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? string.Empty;
            if (!allowed.Contains(name))
            {
                throw new UserInputException(
                    name is "loop" or "with_items"
                        ? $"{kind} is static and cannot loop; use {kind.Replace("import_", "include_", StringComparison.Ordinal)}"
                        : $"'{name}' is not valid on {kind}; expected one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}",
                    nodes.At(k));
            }
        }

        var value = PlaybookNodes.Child(map, key)!;
        return kind switch
        {
            "import_tasks" => ImportTasks(map, value, play, parent),
            "import_role" => ImportRole(map, value, play, parent),
            _ => Include(map, kind, value, play, parent),
        };
    }

    /// <summary>
    /// A task file named by an import or include, as Ansible looks for it: beside the file that names it, then (in a
    /// role) the role's tasks/ and the role's directory, then the playbook's directory.
    /// </summary>
    public static string ResolveTaskFile(string target, string namingFile, RoleDefinition? role, string playbookDirectory, SourceLocation at)
    {
        if (Path.IsPathRooted(target))
        {
            return File.Exists(target) ? target : throw new UserInputException($"the task file '{target}' does not exist", at);
        }

        var candidates = new List<string> { Path.Combine(Path.GetDirectoryName(Path.GetFullPath(namingFile)) ?? playbookDirectory, target) };
        if (role is not null)
        {
            candidates.Add(Path.Combine(role.Path, "tasks", target));
            candidates.Add(Path.Combine(role.Path, target));
        }

        candidates.Add(Path.Combine(playbookDirectory, target));
        candidates = candidates.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new UserInputException($"the task file '{target}' was not found (looked at {string.Join(", ", candidates)})", at);
    }

    private BlockDefinition ImportTasks(YamlMappingNode map, YamlNode value, Play play, BlockDefinition? parent)
    {
        var (target, _) = FileArgument(value, "import_tasks", allowApply: false);
        if (target.Contains("{{", StringComparison.Ordinal))
        {
            throw new UserInputException("import_tasks is loaded before any host runs, so its file name cannot use variables; use include_tasks", nodes.At(value));
        }

        var at = nodes.At(map);
        var path = ResolveTaskFile(target, nodes.FilePath, parent?.Role, session.PlaybookDirectory, nodes.At(value));
        var block = new BlockDefinition { Location = at, Play = play, Parent = parent };
        new TaskOptionsReader(nodes, expressions).Read(block, map);
        block.Name = null;
        using var entered = session.Enter(path, nodes.At(value));
        var (fileNodes, items) = session.ReadList(path, nodes.At(value), "an imported task file");
        var loader = session.TasksIn(fileNodes);
        block.Block.AddRange(items.Select(item => loader.Load(item, play, block, isHandler: false, 0)));
        return block;
    }

    private BlockDefinition ImportRole(YamlMappingNode map, YamlNode value, Play play, BlockDefinition? parent)
    {
        var (name, from, options) = RoleArgumentsOf(value, "import_role");
        var entry = new TaskOptions();
        new TaskOptionsReader(nodes, expressions).Read(entry, map);
        var roles = session.RolesFor(play);
        var at = nodes.At(map);
        var role = roles.Get(name, new Dictionary<string, object?>(entry.Vars, StringComparer.Ordinal), [], at, null, from, entry, origin: "import_role");
        role.AllowDuplicates = options.AllowDuplicates;

        // Inside a role, the imported role's tasks see ansible_parent_role_names as include params, as in Ansible.
        var outer = parent is not null && RoleVariables.ParentRoleParams(parent) is { } parents
            ? new BlockDefinition { Location = at, Play = play, Parent = parent, IncludeParams = parents }
            : null;
        var block = roles.Build(role, entry, at, outer ?? parent, from);
        if (outer is not null)
        {
            outer.Block.Add(block);
            block = outer;
        }

        if (!play.Roles.Contains(role))
        {
            play.Roles.Add(role);
        }

        return block;
    }

    private TaskDefinition Include(YamlMappingNode map, string kind, YamlNode value, Play play, BlockDefinition? parent)
    {
        var at = nodes.At(map);
        var isRole = kind == "include_role";
        var task = new TaskDefinition
        {
            ModuleName = kind,
            ModuleLocation = nodes.At(value),
            Location = at,
            Play = play,
            Parent = parent,
            Include = isRole ? RoleInclude(value, play, parent, at) : TasksInclude(value, play, parent, at),
        };
        new TaskOptionsReader(nodes, expressions).Read(task, map);
        task.Name = PlaybookNodes.Child(map, "name") is { } n ? nodes.ScalarString(n, "name") : null;
        tasks.ReadTaskKeywords(task, map);
        return task;
    }

    private IncludeDefinition TasksInclude(YamlNode value, Play play, BlockDefinition? parent, SourceLocation at)
    {
        var (target, apply) = FileArgument(value, "include_tasks", allowApply: true);
        var namingFile = nodes.FilePath;
        var role = parent?.Role;
        return new IncludeDefinition
        {
            IsRole = false,
            Target = Checked(target, value),
            Apply = apply,
            Load = (file, outer) =>
            {
                lock (session)
                {
                    var path = ResolveTaskFile(file, namingFile, role, session.PlaybookDirectory, at);
                    var (fileNodes, items) = session.ReadList(path, at, "an included task file");
                    var block = new BlockDefinition { Location = at, Play = play, Parent = outer };
                    CopyApply(apply, block);
                    var loader = session.TasksIn(fileNodes);
                    block.Block.AddRange(items.Select(item => loader.Load(item, play, block, isHandler: false, 0)));
                    return block;
                }
            },
        };
    }

    private IncludeDefinition RoleInclude(YamlNode value, Play play, BlockDefinition? parent, SourceLocation at)
    {
        var (name, from, options) = RoleArgumentsOf(value, "include_role");
        return new IncludeDefinition
        {
            IsRole = true,
            Target = Checked(name, value),
            From = from,
            Apply = options.Apply,
            Public = options.Public,
            AllowDuplicates = options.AllowDuplicates,
            Load = (roleName, outer) =>
            {
                lock (session)
                {
                    var roles = session.RolesFor(play);
                    var role = roles.Get(roleName, new(StringComparer.Ordinal), [], at, parent?.Role, from, options.Apply, origin: "include_role");
                    role.AllowDuplicates = options.AllowDuplicates;
                    var block = roles.Build(role, options.Apply, at, outer, from);
                    foreach (var handler in RoleLoader.AllHandlers(role).Where(h => !play.Handlers.Contains(h)))
                    {
                        play.Handlers.Add(handler);
                    }

                    if (options.Public && !play.Roles.Contains(role))
                    {
                        play.Roles.Add(role);
                    }

                    return block;
                }
            },
        };
    }

    private Expression Checked(string text, YamlNode node)
    {
        var expression = new Expression(text, nodes.At(node));
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            expressions.CheckText(text, expression.Location);
        }

        return expression;
    }

    /// <summary>The file of import_tasks/include_tasks: the value itself, or <c>file:</c> (with <c>apply:</c> for include_tasks).</summary>
    private (string File, TaskOptions Apply) FileArgument(YamlNode value, string kind, bool allowApply)
    {
        var apply = new TaskOptions();
        if (value is not YamlMappingNode args)
        {
            return (nodes.ScalarString(value, kind), apply);
        }

        var allowed = allowApply ? new HashSet<string>(["file", "_raw_params", "apply"], StringComparer.Ordinal) : new HashSet<string>(["file", "_raw_params"], StringComparer.Ordinal);
        nodes.CheckKeys(args, allowed, kind);
        var file = PlaybookNodes.Child(args, "file") ?? PlaybookNodes.Child(args, "_raw_params")
            ?? throw new UserInputException($"{kind} needs the file to load ('file:')", nodes.At(value));
        if (PlaybookNodes.Child(args, "apply") is { } applyNode)
        {
            ReadApply(applyNode, apply);
        }

        return (nodes.ScalarString(file, "file"), apply);
    }

    private (string Name, RoleFrom From, RoleOptions Options) RoleArgumentsOf(YamlNode value, string kind)
    {
        var args = value as YamlMappingNode ?? throw new UserInputException($"{kind} needs a mapping with the role's 'name:'", nodes.At(value));
        nodes.CheckKeys(args, RoleArguments, kind);
        var name = PlaybookNodes.Child(args, "name") is { } n ? nodes.ScalarString(n, "name") : throw new UserInputException($"{kind} needs the role's 'name:'", nodes.At(value));
        string? Text(string key) => PlaybookNodes.Child(args, key) is { } v ? nodes.ScalarString(v, key) : null;
        var apply = new TaskOptions();
        if (PlaybookNodes.Child(args, "apply") is { } applyNode)
        {
            if (kind == "import_role")
            {
                throw new UserInputException("'apply' is only valid on include_role; put the keywords on import_role itself", nodes.At(applyNode));
            }

            ReadApply(applyNode, apply);
        }

        var from = new RoleFrom(Text("tasks_from"), Text("vars_from"), Text("defaults_from"), Text("handlers_from"));
        return (name, from, new RoleOptions(nodes.OptionalBool(args, "public") ?? false, nodes.OptionalBool(args, "allow_duplicates") ?? true, apply));
    }

    private void ReadApply(YamlNode node, TaskOptions apply)
    {
        var map = node as YamlMappingNode ?? throw new UserInputException($"'apply' must be a mapping of task keywords, but found {YamlData.Kind(node)}", nodes.At(node));
        nodes.CheckKeys(map, PlaybookKeywords.Block, "apply");
        new TaskOptionsReader(nodes, expressions).Read(apply, map);
    }

    private static void CopyApply(TaskOptions from, TaskOptions to)
    {
        from.CopyKeywordsTo(to);
        foreach (var (k, v) in from.Vars)
        {
            to.Vars[k] = v;
        }
    }

    private sealed record RoleOptions(bool Public, bool AllowDuplicates, TaskOptions Apply);
}
